package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import io.mockdocker.testing.Fixed;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 with images named by digest and by ID, and the classic builder's details: {@code docker pull
 * busybox@sha256:…}, {@code docker run sha256:<id>}, a tagged {@code FROM scratch} build, RUN's stderr. Skipped, with
 * the reason, without a {@code docker} binary.
 */
class ModernCliImageDigestsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  Result build(Map<String, String> files, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "build";
    System.arraycopy(args, 0, all, 1, args.length);
    all[all.length - 1] = "-";
    return cli.cli().withEnv("DOCKER_BUILDKIT", "0")
        .withInput(new String(Fixed.tar(files), StandardCharsets.US_ASCII), all);
  }

  @Test
  void pull_by_digest_then_run_and_inspect_by_it() {
    assertThat(docker("pull", "busybox").exit()).isZero();
    String digest = docker("image", "inspect", "-f", "{{index .RepoDigests 0}}", "busybox").out().strip();
    assertThat(digest).matches("busybox@sha256:[0-9a-f]{64}");
    assertThat(docker("rmi", "busybox").exit()).isZero();

    Result pull = docker("pull", digest);
    assertThat(pull.exit()).as(pull.out()).isZero();
    assertThat(pull.out()).contains("Digest: " + digest.substring(digest.indexOf('@') + 1) + "\n",
        "Status: Downloaded newer image for " + digest + "\n");
    assertThat(docker("image", "inspect", "-f", "{{json .RepoTags}} {{index .RepoDigests 0}}", digest).out())
        .isEqualTo("[] " + digest + "\n");
    assertThat(docker("run", "--rm", digest, "echo", "by digest").out()).isEqualTo("by digest\n");
    Result removed = docker("rmi", digest);
    assertThat(removed.out()).contains("Untagged: " + digest + "\n");
    Result pulledByRun = docker("run", "--rm", digest, "echo", "pulled by run");
    assertThat(pulledByRun.out()).contains("Unable to find image '" + digest + "' locally",
        "Status: Downloaded newer image for " + digest, "pulled by run\n");

    Result unknown = docker("pull", "busybox@sha256:" + "0".repeat(64));
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.out()).contains("manifest for busybox@sha256:" + "0".repeat(64)
        + " not found: manifest unknown: manifest unknown");
  }

  @Test
  void run_and_tag_by_sha256_id() {
    String id = docker("image", "inspect", "-f", "{{.Id}}", "busybox").out().strip();
    assertThat(id).startsWith("sha256:");
    assertThat(docker("run", "--rm", id, "echo", "by id").out()).isEqualTo("by id\n");
    assertThat(docker("run", "--rm", id.substring(7, 19), "echo", "short").out()).isEqualTo("short\n");
    assertThat(docker("tag", id, "mine:v1").exit()).isZero();
    assertThat(docker("image", "inspect", "-f", "{{.Id}}", "mine:v1").out().strip()).isEqualTo(id);
  }

  @Test
  void a_classic_from_scratch_build_is_tagged_and_runs_stderr_is_shown() {
    Result scratch = build(Map.of("Dockerfile", "FROM scratch\nCOPY hello.txt /\n", "hello.txt", "hi\n"),
        "-t", "scratchy");
    assertThat(scratch.exit()).as(scratch.out()).isZero();
    assertThat(scratch.out()).contains("Successfully tagged scratchy:latest\n");
    assertThat(docker("image", "inspect", "-f", "{{json .RepoTags}}", "scratchy").out())
        .isEqualTo("[\"scratchy:latest\"]\n");

    Result run = build(Map.of("Dockerfile", "FROM busybox\nRUN echo to-out && echo to-err >&2\n"), "-t", "errs");
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("to-out\n", "\033[91mto-err\n\033[0m");
  }
}
