package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2: exec of commands that cannot start, and {@code docker run} flags that only come back in
 * inspect. Skipped, with the reason, without a docker binary.
 */
class ModernCliExecEdgesTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void exec_of_a_directory_exits_126_and_of_a_missing_command_127() {
    assertThat(docker("run", "-d", "--name", "sleeper", "busybox", "sleep", "100").exit()).isZero();
    Result dir = docker("exec", "sleeper", "/etc");
    assertThat(dir.out()).isEqualTo("OCI runtime exec failed: exec failed: unable to start container process: "
        + "exec: \"/etc\": is a directory: unknown: permission denied\r\n");
    assertThat(dir.exit()).isEqualTo(126);
    Result file = docker("exec", "sleeper", "/etc/passwd");
    assertThat(file.out()).contains("exec: \"/etc/passwd\": permission denied: unknown");
    assertThat(file.exit()).isEqualTo(126);
    Result missing = docker("exec", "sleeper", "frobnicate");
    assertThat(missing.out()).isEqualTo("OCI runtime exec failed: exec failed: unable to start container process: "
        + "exec: \"frobnicate\": executable file not found in $PATH: unknown\r\n");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(docker("exec", "sleeper", "true").exit()).isZero();
  }

  @Test
  void run_flags_come_back_in_inspect() {
    Result run = docker("run", "-d", "--name", "flags", "--init", "--cpuset-cpus", "0", "--add-host", "a:1.2.3.4",
        "--cap-add", "NET_ADMIN", "--dns", "1.1.1.1", "--shm-size", "128m", "--sysctl", "net.ipv4.ip_forward=1",
        "--ulimit", "nofile=1024:2048", "--privileged", "--pid", "host", "--read-only", "busybox", "sleep", "100");
    assertThat(run.exit()).as(run.out()).isZero();
    Result inspect = docker("inspect", "--format", "{{json .HostConfig.Init}} {{.HostConfig.CpusetCpus}} "
        + "{{json .HostConfig.ExtraHosts}} {{json .HostConfig.CapAdd}} {{json .HostConfig.Dns}} "
        + "{{.HostConfig.ShmSize}} {{json .HostConfig.Sysctls}} {{json .HostConfig.Ulimits}} "
        + "{{.HostConfig.Privileged}} {{.HostConfig.PidMode}} {{.HostConfig.ReadonlyRootfs}}", "flags");
    // the CLI sends capabilities with their CAP_ prefix; its template prints objects with sorted keys
    assertThat(inspect.out()).isEqualTo("true 0 [\"a:1.2.3.4\"] [\"CAP_NET_ADMIN\"] [\"1.1.1.1\"] 134217728 "
        + "{\"net.ipv4.ip_forward\":\"1\"} [{\"Hard\":2048,\"Name\":\"nofile\",\"Soft\":1024}] true host true\n");
  }

  @Test
  void an_unknown_log_driver_is_refused_at_create() {
    Result run = docker("run", "--log-driver", "x", "busybox", "true");
    assertThat(run.out()).contains("Error response from daemon: logger: no log driver named 'x' is registered");
    assertThat(run.exit()).isEqualTo(125);
    assertThat(docker("ps", "-aq").out()).isEmpty();
  }
}
