package io.mockdocker.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's docker CLI against the mock with {@code DOCKER_API_VERSION=1.2}. Skipped, with the reason, when no
 * {@code docker} binary is on the PATH.
 */
class DockerCliTest {
  MockDocker docker;
  @TempDir
  Path config;

  @BeforeEach
  void start() {
    assumeTrue(dockerBinary() != null, "no docker CLI on the PATH: the end-to-end CLI test needs one");
    docker = MockDocker.start();
  }

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.close();
    }
  }

  static String dockerBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "docker");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  record Result(int exit, String out) {}

  Result docker(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(dockerBinary()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("DOCKER_HOST", docker.dockerHost());
    env.put("DOCKER_API_VERSION", "1.2");
    env.put("DOCKER_CONFIG", config.toString());
    env.remove("DOCKER_CONTEXT");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void version_shows_the_0_4_4_daemon() throws Exception {
    Result r = docker("version");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("0.4.4").contains("go1.1.1").contains("02f0c1e");
  }

  @Test
  void pull_tag_images_and_rmi_round_trip() throws Exception {
    Result pull = docker("pull", "busybox");
    assertThat(pull.exit()).as(pull.out()).isZero();
    assertThat(pull.out()).contains("Pulling repository busybox from https://index.docker.io/v1");
    assertThat(Engines.of(docker).findImage("busybox:latest")).isPresent();

    Result tag = docker("tag", "busybox", "mytag");
    assertThat(tag.exit()).as(tag.out()).isZero();
    String id = Engines.of(docker).inspectImage("busybox").id();
    assertThat(Engines.of(docker).inspectImage("mytag:latest").id()).isEqualTo(id);

    Result images = docker("images");
    assertThat(images.exit()).as(images.out()).isZero();
    assertThat(images.out()).contains(id.substring(0, 12));

    Result rmi = docker("rmi", "mytag");
    assertThat(rmi.exit()).as(rmi.out()).isZero();
    assertThat(rmi.out()).contains("Untagged: " + id.substring(0, 12));
    assertThat(Engines.of(docker).findImage("mytag")).isEmpty();
    assertThat(Engines.of(docker).findImage("busybox")).isPresent();
  }
}
