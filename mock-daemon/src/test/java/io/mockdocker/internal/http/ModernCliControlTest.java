package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docker CLI 28.2.2: pause, unpause, rename and top. Skipped, with the reason, without a docker binary. */
class ModernCliControlTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void pause_ps_unpause_rename_and_top_as_a_user_sees_them() throws Exception {
    assertThat(docker("run", "-d", "--name", "sleeper", "busybox", "sleep", "100").exit()).isZero();

    Result pause = docker("pause", "sleeper");
    assertThat(pause.out()).isEqualTo("sleeper\n");
    assertThat(pause.exit()).isZero();
    assertThat(docker("ps").out().split("\n")[1]).contains(" (Paused) ").endsWith("sleeper");
    Result exec = docker("exec", "sleeper", "true");
    assertThat(exec.out()).isEqualTo("Error response from daemon: Container sleeper is paused, unpause the container"
        + " before exec\n");
    assertThat(exec.exit()).isNotZero();
    Result twice = docker("pause", "sleeper");
    assertThat(twice.out()).startsWith("Error response from daemon: Container ").endsWith(" is already paused\n");
    assertThat(twice.exit()).isEqualTo(1);

    assertThat(docker("unpause", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(docker("ps").out()).doesNotContain("Paused");

    Result rename = docker("rename", "sleeper", "napper");
    assertThat(rename.out()).isEmpty();
    assertThat(rename.exit()).isZero();
    assertThat(docker("ps").out().split("\n")[1]).endsWith("napper");
    assertThat(docker("run", "-d", "--name", "other", "busybox", "sleep", "100").exit()).isZero();
    Result taken = docker("rename", "other", "napper");
    assertThat(taken.out()).startsWith("Error response from daemon: Error when allocating new name: Conflict."
        + " The container name \"/napper\" is already in use");
    assertThat(taken.exit()).isEqualTo(1);

    Result top = docker("top", "napper");
    assertThat(top.exit()).isZero();
    String[] rows = top.out().split("\n");
    assertThat(rows[0]).matches("UID +PID +PPID +C +STIME +TTY +TIME +CMD");
    assertThat(rows).hasSize(2);
    assertThat(rows[1]).startsWith("root ").endsWith("sleep 100");

    assertThat(docker("stop", "-t", "0", "napper").exit()).isZero();
    Result stopped = docker("top", "napper");
    assertThat(stopped.out()).startsWith("Error response from daemon: container ").endsWith(" is not running\n");
    assertThat(stopped.exit()).isEqualTo(1);
  }
}
