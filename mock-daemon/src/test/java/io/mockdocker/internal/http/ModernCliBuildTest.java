package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import io.mockdocker.testing.Fixed;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2's classic builder ({@code DOCKER_BUILDKIT=0}) against a modern-profile daemon: build arguments,
 * multi-stage builds with {@code --target}, {@code .dockerignore}, and {@code commit -c}. The context goes as a tar
 * on standard input, so nothing is written on the host. Skipped, with the reason, without a {@code docker} binary.
 */
class ModernCliBuildTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  /** {@code docker build … -} with the files as the context tar (ASCII only, so it passes as text). */
  Result build(Map<String, String> files, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "build";
    System.arraycopy(args, 0, all, 1, args.length);
    all[all.length - 1] = "-";
    String tar = new String(Fixed.tar(files), StandardCharsets.US_ASCII);
    return cli.cli().withEnv("DOCKER_BUILDKIT", "0").withInput(tar, all);
  }

  @Test
  void build_args_reach_run_and_the_history_but_not_the_image() {
    Result build = build(Map.of("Dockerfile", "FROM busybox\nARG VERSION=1\nRUN echo building for $VERSION\n"),
        "-t", "argtest", "--build-arg", "VERSION=2", "--build-arg", "UNUSED=x");
    assertThat(build.exit()).as(build.out()).isZero();
    assertThat(build.out()).contains("Step 1/3 : FROM busybox\n", "Step 2/3 : ARG VERSION=1\n",
        "Step 3/3 : RUN echo building for $VERSION\n", "building for 2\n",
        "[Warning] One or more build-args [UNUSED] were not consumed\n", "Successfully tagged argtest:latest\n");
    assertThat(docker("run", "--rm", "argtest", "sh", "-c", "echo v=$VERSION").out()).isEqualTo("v=\n");
    assertThat(docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", "argtest").lines().get(0))
        .isEqualTo("|1 VERSION=2 /bin/sh -c echo building for $VERSION");
  }

  @Test
  void a_multi_stage_build_and_its_target() {
    Map<String, String> files = Map.of("Dockerfile", "FROM busybox AS build\nRUN echo artifact > /out.txt\n"
        + "FROM busybox\nCOPY --from=build /out.txt /app/out.txt\nCMD [\"cat\", \"/app/out.txt\"]\n");
    Result full = build(files, "-t", "multi");
    assertThat(full.exit()).as(full.out()).isZero();
    assertThat(full.out()).contains("Step 4/5 : COPY --from=build /out.txt /app/out.txt\n");
    assertThat(docker("run", "--rm", "multi").out()).isEqualTo("artifact\n");

    Result target = build(files, "-t", "stage", "--target", "build");
    assertThat(target.exit()).as(target.out()).isZero();
    assertThat(target.out()).contains("Step 2/2 : RUN echo artifact > /out.txt\n").doesNotContain("Step 3/");
    assertThat(docker("run", "--rm", "stage", "cat", "/out.txt").out()).isEqualTo("artifact\n");
    assertThat(docker("run", "--rm", "stage", "ls", "/app").exit()).isNotZero();

    Result missing = build(files, "--target", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("target stage \"nope\" could not be found");
  }

  @Test
  void dockerignore_leaves_excluded_files_out_of_copy() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("Dockerfile", "FROM busybox\nCOPY . /ctx/\n");
    files.put(".dockerignore", "**/*.log\n!keep.log\n");
    files.put("keep.log", "kept\n");
    files.put("app/debug.log", "x\n");
    files.put("app/main.txt", "main\n");
    Result build = build(files, "-t", "ignored");
    assertThat(build.exit()).as(build.out()).isZero();
    assertThat(docker("run", "--rm", "ignored", "ls", "/ctx/app").out()).isEqualTo("main.txt\n");
    assertThat(docker("run", "--rm", "ignored", "cat", "/ctx/keep.log").out()).isEqualTo("kept\n");
  }

  @Test
  void commit_with_changes() {
    assertThat(docker("run", "--name", "src", "busybox", "true").exit()).isZero();
    Result commit = docker("commit", "-c", "ENV A=b", "-c", "CMD [\"sh\"]", "-c", "LABEL team=x", "src", "committed");
    assertThat(commit.exit()).as(commit.out()).isZero();
    assertThat(docker("inspect", "--format", "{{json .Config.Env}} {{json .Config.Cmd}} {{.Config.Labels.team}}",
        "committed").out()).contains("\"A=b\"").endsWith(" [\"sh\"] x\n");
    assertThat(docker("run", "--rm", "committed", "sh", "-c", "echo $A").out()).isEqualTo("b\n");

    Result refused = docker("commit", "-c", "RUN echo hi", "src", "nope");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).contains("RUN is not a valid change command");
  }
}
