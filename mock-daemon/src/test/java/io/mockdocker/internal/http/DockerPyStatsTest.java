package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-py 7.1 (skipped with the reason without it): stats once and streamed, update and top's ps_args. */
class DockerPyStatsTest {
  @TempDir
  Path dir;

  @Test
  void stats_update_and_top_as_docker_py_reads_them() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(), "no python3 with the docker module here: the test needs one");
    Path script = dir.resolve("stats.py");
    try (InputStream in = getClass().getResourceAsStream("docker_py_stats.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .start()) {
      Process p = new ProcessBuilder("python3", script.toString(), docker.dockerHost()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out.lines().toList()).isEqualTo(List.of(
          "stats ['name', 'id', 'read', 'preread'] 3670016 1 True",
          "stream True",
          "update {'Warnings': ['Your kernel does not support swap limit capabilities or the cgroup is not mounted."
              + " Memory limited without swap.']}",
          "inspect 67108864 always",
          "top ['PID', 'COMMAND']"));
    }
  }
}
