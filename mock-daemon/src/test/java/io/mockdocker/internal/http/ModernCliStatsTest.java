package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docker CLI 28.2.2: stats, update and top -ef / -o. Skipped, with the reason, without a docker binary. */
class ModernCliStatsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void stats_no_stream_prints_a_filled_row() {
    assertThat(docker("run", "-d", "--name", "web", "busybox", "sleep", "100").exit()).isZero();
    Result stats = docker("stats", "--no-stream", "web");
    assertThat(stats.exit()).isZero();
    String[] rows = stats.out().split("\n");
    assertThat(rows[0]).matches("CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS");
    assertThat(rows).hasSize(2);
    assertThat(rows[1]).matches("[0-9a-f]{12} +web +0\\.1[456]% +3\\.5MiB / [0-9.]+[MG]iB +[0-9.]+% +1\\.05kB / 0B"
        + " +0B / 0B +1");

    Result formatted = docker("stats", "--no-stream", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}",
        "web");
    assertThat(formatted.out()).matches("web 0\\.1[456]% 3\\.5MiB / [0-9.]+[MG]iB 1\n");
  }

  @Test
  void update_memory_and_restart_shows_in_inspect_and_stats() {
    assertThat(docker("run", "-d", "--name", "app", "busybox", "sleep", "100").exit()).isZero();
    Result update = docker("update", "--memory", "64m", "--memory-swap", "128m", "--restart", "always",
        "--pids-limit", "50", "app");
    assertThat(update.exit()).isZero();
    // the daemon's host has no swap accounting: the CLI prints the warning after the name
    assertThat(update.out()).isEqualTo("app\nYour kernel does not support swap limit capabilities or the cgroup is not"
        + " mounted. Memory limited without swap.\n");
    assertThat(docker("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.RestartPolicy.Name}}"
        + " {{.HostConfig.PidsLimit}}", "app").out()).isEqualTo("67108864 always 50\n");
    assertThat(docker("stats", "--no-stream", "--format", "{{.MemUsage}} {{.MemPerc}}", "app").out())
        .isEqualTo("3.5MiB / 64MiB 5.47%\n");

    Result small = docker("update", "--memory", "1m", "app");
    assertThat(small.out()).isEqualTo("Error response from daemon: Minimum memory limit allowed is 6MB\n");
    assertThat(small.exit()).isEqualTo(1);
    assertThat(docker("run", "-d", "--rm", "--name", "gone", "busybox", "sleep", "100").exit()).isZero();
    Result auto = docker("update", "--restart", "always", "gone");
    assertThat(auto.out()).startsWith("Error response from daemon: Cannot update container ")
        .endsWith(": Restart policy cannot be updated because AutoRemove is enabled for the container\n");
    assertThat(auto.exit()).isEqualTo(1);
  }

  @Test
  void top_with_ps_args_lists_the_process_and_an_exec_under_the_same_parent() {
    assertThat(docker("run", "-d", "--name", "box", "busybox", "sleep", "100").exit()).isZero();
    assertThat(docker("exec", "-d", "box", "sleep", "50").exit()).isZero();
    Result top = docker("top", "box", "-ef");
    assertThat(top.exit()).isZero();
    String[] rows = top.out().split("\n");
    assertThat(rows[0]).matches("UID +PID +PPID +C +STIME +TTY +TIME +CMD");
    String[] main = rows[1].split(" +");
    String[] exec = rows[2].split(" +");
    assertThat(rows[1]).startsWith("root ").endsWith("sleep 100");
    assertThat(rows[2]).startsWith("root ").endsWith("sleep 50");
    assertThat(exec[2]).isEqualTo(main[2]);
    assertThat(Integer.parseInt(exec[1])).isGreaterThan(Integer.parseInt(main[1]));

    Result columns = docker("top", "box", "-o", "pid,comm");
    assertThat(columns.out().split("\n")[0]).matches("PID +COMMAND");
    assertThat(columns.out().split("\n")[1]).matches(main[1] + " +sleep");
    Result bad = docker("top", "box", "-o", "nonsense");
    assertThat(bad.out()).isEqualTo("Error response from daemon: ps: error: unknown user-defined format specifier"
        + " \"nonsense\"\n");
  }
}
