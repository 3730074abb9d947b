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
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_image_digests.py", docker.dockerHost())).isEqualTo(List.of(
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
