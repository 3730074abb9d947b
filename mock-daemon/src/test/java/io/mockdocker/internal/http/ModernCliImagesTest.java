package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.registry.Config;
import io.mockdocker.testing.DockerCli.Result;
import io.mockdocker.testing.DockerCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker CLI 28 against a modern-profile daemon: pull, images, inspect, history, tag, login, push, search, build,
 * commit, rmi. Skipped, with the reason, when no {@code docker} binary is on the PATH. The CLI's config (logins)
 * goes to a temporary {@code DOCKER_CONFIG}.
 */
class ModernCliImagesTest {
  static final String BUSYBOX = "e9aa60c60128";

  MockDocker docker;
  @TempDir
  Path config;
  @TempDir
  Path context;

  @BeforeEach
  void start() {
    assumeTrue(DockerCli.binary() != null, "no docker CLI on the PATH: the end-to-end CLI test needs one");
    docker = MockDocker.builder().profile(ApiProfile.modern()).start();
  }

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.close();
    }
  }

  Result docker(String... args) {
    return cli().run(args);
  }

  Result dockerWithInput(String stdin, String... args) {
    return cli().withInput(stdin, args);
  }

  DockerCli cli() {
    return DockerCli.of(docker.dockerHost(), config).withEnv("DOCKER_BUILDKIT", "0");
  }

  static void ok(Result r) {
    assertThat(r.exit()).as(r.out()).isZero();
  }

  @Test
  void pull_images_inspect_history_and_search() throws Exception {
    Result pull = docker("pull", "busybox");
    ok(pull);
    assertThat(pull.out()).contains("latest: Pulling from library/busybox")
        .contains("Digest: sha256:").contains("Status: Downloaded newer image for busybox:latest")
        .endsWith("docker.io/library/busybox:latest\n");
    Result again = docker("pull", "busybox");
    ok(again);
    assertThat(again.out()).contains("Status: Image is up to date for busybox:latest");

    Result images = docker("images");
    ok(images);
    assertThat(images.out()).containsPattern("busybox\\s+latest\\s+" + BUSYBOX);

    Result inspect = docker("inspect", "busybox");
    ok(inspect);
    assertThat(inspect.out()).contains("\"Id\": \"sha256:" + BUSYBOX).contains("\"busybox:latest\"");

    Result history = docker("history", "busybox");
    ok(history);
    assertThat(history.out()).contains("IMAGE").contains(BUSYBOX);

    Result search = docker("search", "busybox");
    ok(search);
    assertThat(search.out()).containsPattern("busybox\\s+Busybox: the Swiss Army knife of embedded Li.*\\[OK\\]");

    Result missing = docker("pull", "nosuchimage");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("pull access denied for nosuchimage, repository does not exist or may "
        + "require 'docker login'");
  }

  @Test
  void tag_login_push_and_rmi_a_registry_host_name() throws Exception {
    ok(docker("pull", "busybox"));
    ok(docker("tag", "busybox", "localhost:5000/busybox:v1"));

    Result bad = dockerWithInput("wrong\n", "login", "-u", "mock", "--password-stdin", "localhost:5000");
    assertThat(bad.exit()).as(bad.out()).isEqualTo(1);
    assertThat(bad.out()).contains("unauthorized: incorrect username or password");

    Result login = dockerWithInput("mock\n", "login", "-u", "mock", "--password-stdin", "localhost:5000");
    ok(login);
    assertThat(login.out()).contains("Login Succeeded");
    assertThat(Files.readString(config.resolve("config.json"))).contains("localhost:5000");

    Result push = docker("push", "localhost:5000/busybox:v1");
    ok(push);
    assertThat(push.out()).contains("The push refers to repository [localhost:5000/busybox]")
        .containsPattern("v1: digest: sha256:[0-9a-f]{64} size: [0-9]+");
    assertThat(docker.registry().tags("localhost:5000/busybox").orElseThrow()).containsKey("v1");

    Result noSuch = docker("push", "localhost:5000/nosuch:v1");
    assertThat(noSuch.exit()).isEqualTo(1);
    assertThat(noSuch.out()).contains("An image does not exist locally with the tag: localhost:5000/nosuch");

    Result rmi = docker("rmi", "localhost:5000/busybox:v1");
    ok(rmi);
    assertThat(rmi.out()).isEqualTo("Untagged: localhost:5000/busybox:v1\n");
    assertThat(Engines.of(docker).references().tagged("busybox", "latest")).isPresent();
  }

  @Test
  void build_with_the_classic_builder_then_commit_and_rmi() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY greeting.txt /greeting.txt\n"
        + "RUN cat /greeting.txt\nCMD [\"cat\", \"/greeting.txt\"]\n");
    Files.writeString(context.resolve("greeting.txt"), "hello from the build context\n");
    Result build = docker("build", "-t", "built:1", context.toString());
    ok(build);
    assertThat(build.out()).contains("Step 1/4 : FROM busybox").contains("Step 2/4 : COPY greeting.txt /greeting.txt")
        .contains("hello from the build context").containsPattern("Successfully built [0-9a-f]{12}")
        .contains("Successfully tagged built:1");
    String built = Engines.of(docker).references().tagged("built", "1").orElseThrow().id();

    Result failing = docker("build", "-f", "Dockerfile.bad", context.resolve("nope").toString());
    assertThat(failing.exit()).isNotZero();

    String container = Engines.of(docker).containers().create(Config.builder().image(built).cmd("true").build()).id();
    Result commit = docker("commit", "-m", "msg", "-a", "me", container, "committed:v1");
    ok(commit);
    String committed = Engines.of(docker).references().tagged("committed", "v1").orElseThrow().id();
    assertThat(commit.out()).isEqualTo("sha256:" + committed + "\n");

    Result images = docker("images");
    assertThat(images.out()).containsPattern("built\\s+1\\s+" + built.substring(0, 12))
        .containsPattern("committed\\s+v1\\s+" + committed.substring(0, 12));

    Result rmi = docker("rmi", "committed:v1");
    ok(rmi);
    assertThat(rmi.out()).isEqualTo("Untagged: committed:v1\nDeleted: sha256:" + committed + "\n");
    Result inUse = docker("rmi", "built:1");
    assertThat(inUse.exit()).isEqualTo(1);
    assertThat(inUse.out()).contains("Error response from daemon: conflict: unable to remove repository reference "
        + "\"built:1\" (must force) - container " + container.substring(0, 12) + " is using its referenced image "
        + built.substring(0, 12));
  }
}
