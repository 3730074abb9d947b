package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-py 7.1 (skipped with the reason without it): an inactive swarm, no plugins, registry data. */
class DockerPySwarmTest {
  @TempDir
  Path dir;

  @Test
  void inactive_swarm_plugins_and_distribution_as_docker_py_reads_them() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(), "no python3 with the docker module here: the test needs one");
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_swarm.py", docker.dockerHost())).isEqualTo(List.of(
          "state inactive",
          "leave --force True",
          "leave 503 This node is not part of a swarm",
          "services 503 This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to "
              + "connect this node to swarm and try again.",
          "swarm 503 APIError",
          "plugins []",
          "plugin 404 plugin \"sshfs\" not found",
          "distribution application/vnd.docker.distribution.manifest.v2+json True [{'architecture': 'amd64', "
              + "'os': 'linux'}]",
          "registry data True"));
    }
  }
}
