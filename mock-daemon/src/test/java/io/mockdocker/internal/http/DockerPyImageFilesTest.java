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
 * docker-py 7.1 (when {@code python3 -c "import docker"} works here; skipped with the reason otherwise) saving,
 * loading (named and by ID), importing, pruning and asking for disk usage against the modern profile.
 */
class DockerPyImageFilesTest {
  @TempDir
  Path dir;

  @Test
  void a_docker_py_session_saves_loads_imports_and_prunes() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(),
        "no python3 with the docker module here: the docker-py test needs one");
    Path script = dir.resolve("image_files.py");
    try (InputStream in = getClass().getResourceAsStream("docker_py_image_files.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      Process p = new ProcessBuilder("python3", script.toString(), docker.dockerHost()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out.lines().toList()).isEqualTo(List.of(
          "loaded [['busybox:latest']] True",
          "by id [True]",
          "imported b'imported\\n'",
          "containers pruned 1 0",
          "images pruned ['base:latest', 'base:ubuntu-quantal', 'busybox:latest', 'pyimported:1']",
          "df ['BuildCache', 'Containers', 'Images', 'LayersSize', 'Volumes'] [] []",
          "bad load This does not look like a tar archive",
          "ping True"));
    }
  }
}
