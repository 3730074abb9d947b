package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.VirtualClock;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2: kill with a signal, stop of a trapping script, and a crash-looping restart policy watched on the
 * virtual clock. Skipped, with the reason, without a docker binary.
 */
class ModernCliSignalsTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  @RegisterExtension final CliDaemon cli = new CliDaemon(clock);

  Result docker(String... args) {
    return cli.docker(args);
  }

  String inspect(String format, String name) {
    return docker("inspect", "-f", format, name).out().strip();
  }

  @Test
  void kill_with_hup_ends_a_sleep_with_129_and_a_trapped_usr1_leaves_it_running() throws Exception {
    assertThat(docker("run", "-d", "--name", "sleeper", "busybox", "sleep", "100").exit()).isZero();
    Result kill = docker("kill", "-s", "HUP", "sleeper");
    assertThat(kill.out()).isEqualTo("sleeper\n");
    assertThat(kill.exit()).isZero();
    assertThat(docker("wait", "sleeper").out()).isEqualTo("129\n");

    assertThat(docker("run", "-d", "--name", "trapper", "busybox", "sh", "-c",
        "trap 'echo got usr1' USR1; sleep 100; echo still here; sleep 100").exit()).isZero();
    clock.awaitSleepers(1, WAIT);
    assertThat(docker("kill", "--signal", "SIGUSR1", "trapper").exit()).isZero();
    Awaitility.await().atMost(WAIT).until(() -> docker("logs", "trapper").out().equals("got usr1\nstill here\n"));
    assertThat(inspect("{{.State.Status}}", "trapper")).isEqualTo("running");

    Result bad = docker("kill", "-s", "NOPE", "trapper");
    assertThat(bad.out()).isEqualTo("Error response from daemon: cannot kill container: trapper: invalid signal:"
        + " NOPE\n");
    assertThat(bad.exit()).isEqualTo(1);
  }

  @Test
  void stop_of_a_script_that_traps_term_and_exits_0_ends_with_0() throws Exception {
    assertThat(docker("run", "-d", "--name", "graceful", "busybox", "sh", "-c",
        "trap 'echo bye; exit 0' TERM; echo ready; sleep 3600").exit()).isZero();
    clock.awaitSleepers(1, WAIT);
    Result stop = docker("stop", "graceful");
    assertThat(stop.out()).isEqualTo("graceful\n");
    assertThat(inspect("{{.State.ExitCode}}", "graceful")).isEqualTo("0");
    assertThat(docker("logs", "graceful").out()).isEqualTo("ready\nbye\n");

    assertThat(docker("run", "-d", "--name", "quitter", "--stop-signal", "SIGQUIT", "busybox", "sleep", "100")
        .exit()).isZero();
    assertThat(inspect("{{.Config.StopSignal}}", "quitter")).isEqualTo("SIGQUIT");
    clock.awaitSleepers(1, WAIT);
    assertThat(docker("stop", "quitter").exit()).isZero();
    assertThat(inspect("{{.State.ExitCode}}", "quitter")).isEqualTo("131");
  }

  @Test
  void a_crash_loop_under_on_failure_3_is_seen_under_the_virtual_clock() throws Exception {
    assertThat(docker("run", "-d", "--name", "crasher", "--restart", "on-failure:3", "busybox", "sh", "-c",
        "echo crash; exit 1").exit()).isZero();
    long[] backOff = {100, 200, 400};
    for (int k = 0; k < backOff.length; k++) {
      clock.awaitSleepers(1, WAIT);
      assertThat(inspect("{{.State.Status}}", "crasher")).isEqualTo("restarting");
      assertThat(inspect("{{.RestartCount}}", "crasher")).isEqualTo(Integer.toString(k + 1));
      clock.advance(Duration.ofMillis(backOff[k]));
      long starts = k + 2;
      Awaitility.await().atMost(WAIT).until(() -> Engines.of(cli.daemon()).events().history().stream()
          .filter(e -> e.action().equals("start")).count() == starts);
    }
    Awaitility.await().atMost(WAIT).until(() -> inspect("{{.State.Status}}", "crasher").equals("exited"));
    assertThat(inspect("{{.RestartCount}}", "crasher")).isEqualTo("3");
    assertThat(inspect("{{.State.ExitCode}}", "crasher")).isEqualTo("1");
    assertThat(docker("logs", "crasher").out()).isEqualTo("crash\n".repeat(4));
    assertThat(docker("ps", "-a", "--format", "{{.Status}}").out()).startsWith("Exited (1) ");
  }
}
