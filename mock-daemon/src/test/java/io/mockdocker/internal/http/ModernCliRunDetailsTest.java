package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2: {@code docker run} of a command the runtime cannot execute, and the DNS, extra hosts and domain
 * name flags seen from inside the container. Skipped, with the reason, without a docker binary.
 */
class ModernCliRunDetailsTest {
  static final String CREATE_FAILED = "docker: Error response from daemon: failed to create task for container: "
      + "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container "
      + "process: error during container init: ";

  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void a_missing_command_fails_the_run_with_127_and_a_directory_with_126() {
    Result missing = docker("run", "--name", "gone", "busybox", "nosuch");
    assertThat(missing.out()).contains(CREATE_FAILED
        + "exec: \"nosuch\": executable file not found in $PATH: unknown");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "gone").out())
        .isEqualTo("created 127\n");
    Result dir = docker("run", "-d", "busybox", "/etc");
    assertThat(dir.out()).contains(CREATE_FAILED + "exec: \"/etc\": is a directory: unknown: permission denied");
    assertThat(dir.exit()).isEqualTo(126);
    Result removed = docker("run", "--rm", "--name", "once", "busybox", "nosuch");
    assertThat(removed.exit()).isEqualTo(127);
    assertThat(docker("ps", "-a", "--filter", "name=once", "-q").out()).isEmpty();
  }

  @Test
  void dns_search_options_extra_hosts_and_the_domain_name_are_written_in_the_etc_files() {
    Result run = docker("run", "--hostname", "web", "--domainname", "example.com", "--dns", "1.1.1.1",
        "--dns-search", "a.example", "--dns-option", "ndots:2", "--add-host", "db:10.0.0.5",
        "--add-host", "gw:host-gateway", "busybox", "cat", "/etc/resolv.conf", "/etc/hosts");
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).startsWith("nameserver 1.1.1.1\nsearch a.example\noptions ndots:2\n127.0.0.1\tlocalhost\n")
        .contains("10.0.0.5\tdb\n172.16.42.1\tgw\n")
        .containsPattern("\n172\\.16\\.42\\.[0-9]+\tweb\\.example\\.com web\n$");
  }
}
