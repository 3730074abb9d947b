package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import java.nio.file.Path;
import java.util.List;
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
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_image_files.py", docker.dockerHost())).isEqualTo(List.of(
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
