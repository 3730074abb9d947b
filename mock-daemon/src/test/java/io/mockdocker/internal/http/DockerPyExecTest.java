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

/**
 * docker-py 7.1 (skipped with the reason without it): exec framing by the start, detach keys, exit codes 126 and
 * 127, host config members back in inspect, an unknown log driver.
 */
class DockerPyExecTest {
  @TempDir
  Path dir;

  @Test
  void exec_edges_and_create_round_trips_as_docker_py_sees_them() throws Exception {
    assumeTrue(DockerPyTest.dockerPyAvailable(), "no python3 with the docker module here: the test needs one");
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_exec.py", docker.dockerHost())).isEqualTo(List.of(
          "host True 0 ['a:1.2.3.4'] ['NET_ADMIN'] ['1.1.1.1'] 134217728 {'net.ipv4.ip_forward': '1'} True "
              + "[{'Name': 'nofile', 'Hard': 2048, 'Soft': 1024}]",
          "framed b'hi\\r\\n'",
          "dir ExecResult(exit_code=126, output=b'OCI runtime exec failed: exec failed: unable to start container "
              + "process: exec: \"/etc\": is a directory: unknown: permission denied\\r\\n')",
          "missing ExecResult(exit_code=127, output=b'OCI runtime exec failed: exec failed: unable to start container "
              + "process: exec: \"frobnicate\": executable file not found in $PATH: unknown\\r\\n')",
          "detached b'' True",
          "log 400 logger: no log driver named 'x' is registered"));
    }
  }
}
