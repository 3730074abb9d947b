package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker-py (the Docker SDK for Python, when {@code python3 -c "import docker"} works here; skipped with the reason
 * otherwise) against the modern profile: version negotiation, pull, run with remove, exec with its exit code, list,
 * stop, logs, build from a file object, run of the built image.
 */
class DockerPyTest {
  @TempDir
  Path dir;

  static boolean dockerPyAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import docker").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Runs a script from this package's resources with the daemon's address; its output lines, once it exited 0. */
  static List<String> runScript(Path dir, String resource, String dockerHost) throws Exception {
    Path script = dir.resolve(resource);
    try (InputStream in = DockerPyTest.class.getResourceAsStream(resource)) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder("python3", script.toString(), dockerHost).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void a_docker_py_session_sees_what_a_docker_daemon_would_give_it() throws Exception {
    assumeTrue(dockerPyAvailable(), "no python3 with the docker module here: the docker-py test needs one");
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      assertThat(DockerPyTest.runScript(dir, "docker_py_session.py", docker.dockerHost())).isEqualTo(List.of(
          "version 1.50",
          "pulled ['busybox:latest']",
          "run b'hi\\n'",
          "exec ExecResult(exit_code=3, output=b'from-exec\\n')",
          "list ['pyc']",
          "status exited",
          "logs b''",
          "built ['pybuilt:1']",
          "run built b'built\\n'",
          "images ['base:latest', 'base:ubuntu-quantal', 'busybox:latest', 'pybuilt:1']"));
      assertThat(Engines.of(docker).containers().all()).isEmpty();
    }
  }
}
