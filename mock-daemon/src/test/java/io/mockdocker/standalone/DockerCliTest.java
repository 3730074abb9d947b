package io.mockdocker.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.DockerCli;
import io.mockdocker.testing.DockerCli.Result;
import java.nio.file.Path;
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
    assumeTrue(DockerCli.binary() != null, "no docker CLI on the PATH: the end-to-end CLI test needs one");
    docker = MockDocker.start();
  }

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.close();
    }
  }

  Result docker(String... args) {
    return DockerCli.of(docker.dockerHost(), config).withEnv("DOCKER_API_VERSION", "1.2").run(args);
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
    assertThat(docker.engine().findImage("busybox:latest")).isPresent();

    Result tag = docker("tag", "busybox", "mytag");
    assertThat(tag.exit()).as(tag.out()).isZero();
    String id = docker.engine().inspectImage("busybox").id();
    assertThat(docker.engine().inspectImage("mytag:latest").id()).isEqualTo(id);

    Result images = docker("images");
    assertThat(images.exit()).as(images.out()).isZero();
    assertThat(images.out()).contains(id.substring(0, 12));

    Result rmi = docker("rmi", "mytag");
    assertThat(rmi.exit()).as(rmi.out()).isZero();
    assertThat(rmi.out()).contains("Untagged: " + id.substring(0, 12));
    assertThat(docker.engine().findImage("mytag")).isEmpty();
    assertThat(docker.engine().findImage("busybox")).isPresent();
  }
}
