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

/** docker-py 7.1 (skipped with the reason without it): stats once and streamed, update and top's ps_args. */
class DockerPyStatsTest {
  @TempDir
  Path dir;

  @Test
  void stats_update_and_top_as_docker_py_reads_them() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(), "no python3 with the docker module here: the test needs one");
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_stats.py", docker.dockerHost())).isEqualTo(List.of(
          "stats ['name', 'id', 'read', 'preread'] 3670016 1 True",
          "stream True",
          "update {'Warnings': ['Your kernel does not support swap limit capabilities or the cgroup is not mounted."
              + " Memory limited without swap.']}",
          "inspect 67108864 always",
          "top ['PID', 'COMMAND']"));
    }
  }
}
