package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-py 7.1 (when {@code python3 -c "import docker"} works here; skipped with the reason otherwise) pulling and
 * running by digest and by ID, and building with {@code extra_hosts} and {@code cache_from}, against the modern
 * profile.
 */
class DockerPyImageDigestsTest {
  @TempDir
  Path dir;

  @Test
  void a_docker_py_session_uses_digest_and_id_references_and_the_build_options() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(),
        "no python3 with the docker module here: the docker-py test needs one");
    Path script = dir.resolve("image_digests.py");
    try (InputStream in = getClass().getResourceAsStream("docker_py_image_digests.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      Process p = new ProcessBuilder("python3", script.toString(), docker.dockerHost()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out.lines().toList()).isEqualTo(List.of(
          "digest True 79",
          "pulled True [] True",
          "run by digest b'd\\n'",
          "run by id b'i\\n'",
          "unknown True",
          "hosts True",
          "cache_from True True"));
    }
  }
}
