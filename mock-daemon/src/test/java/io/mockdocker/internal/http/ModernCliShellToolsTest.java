package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 running the commands busybox ships (id, whoami, sed, awk, ps, nc, ...) in the mini shell, with
 * {@code docker run} and {@code docker exec}. Skipped, with the reason, without a docker binary.
 */
class ModernCliShellToolsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void run_answers_id_and_whoami_as_root_and_as_another_user() throws Exception {
    assertThat(docker("run", "--rm", "busybox", "sh", "-c", "id -u; whoami")).isEqualTo(new Result(0, "0\nroot\n"));
    assertThat(docker("run", "--rm", "busybox", "id"))
        .isEqualTo(new Result(0, "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"));
    Result other = docker("run", "--rm", "--user", "1000", "busybox", "sh", "-c", "id; whoami");
    assertThat(other.out()).isEqualTo("uid=1000 gid=0(root) groups=0(root)\nwhoami: unknown uid 1000\n");
    assertThat(other.exit()).isEqualTo(1);
  }

  @Test
  void run_pipes_text_through_the_busybox_tools() throws Exception {
    Result r = docker("run", "--rm", "--hostname", "box", "busybox", "sh", "-c",
        "printf '%s\\n' alpha beta gamma > /tmp/l; sed -n 2p /tmp/l; grep -c a /tmp/l; wc -l < /tmp/l;"
            + " echo k:v | awk -F: '{print $2}'; head -n 1 /tmp/l; tail -n 1 /tmp/l; uname -n;"
            + " cp /tmp/l /tmp/m && mv /tmp/m /tmp/n && find /tmp -name n");
    assertThat(r).isEqualTo(new Result(0, "beta\n3\n3\nv\nalpha\ngamma\nbox\n/tmp/n\n"));
  }

  @Test
  void exec_sees_the_container_processes_user_and_ports() throws Exception {
    assertThat(docker("run", "-d", "--name", "web", "--user", "nobody", "-p", "127.0.0.1::80", "busybox",
        "sleep", "100").exit()).isZero();
    Result ps = docker("exec", "web", "ps");
    assertThat(ps.lines()).hasSize(3);
    assertThat(ps.lines().get(0)).isEqualTo("PID   USER     TIME  COMMAND");
    assertThat(ps.lines().get(1)).isEqualTo("    1 nobody    0:00 sleep 100");
    assertThat(ps.lines().get(2)).matches(" +\\d+ nobody    0:00 ps");
    assertThat(docker("exec", "web", "whoami")).isEqualTo(new Result(0, "nobody\n"));
    assertThat(docker("exec", "--user", "root", "web", "id", "-un")).isEqualTo(new Result(0, "root\n"));
    assertThat(docker("exec", "web", "sh", "-c", "nc -z localhost 80 && echo open"))
        .isEqualTo(new Result(0, "open\n"));
    assertThat(docker("exec", "web", "nc", "-z", "localhost", "81")).isEqualTo(new Result(1, ""));
    assertThat(docker("exec", "web", "nc", "-z", "nowhere", "80"))
        .isEqualTo(new Result(1, "nc: bad address 'nowhere'\n"));
  }

  @Test
  void nc_reaches_another_container_through_the_host_port_the_daemon_holds_for_it() throws Exception {
    cli.daemon().script(PortMatch.container("web"), PortScript.httpReply(200, "hello"));
    assertThat(docker("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "busybox", "sleep", "100").exit())
        .isZero();
    assertThat(docker("run", "-d", "--name", "silent", "-p", "127.0.0.1::81", "busybox", "sleep", "100").exit())
        .isZero();
    String check = "nc -z web 80 && echo web-up; nc -z silent 81 && echo silent-up || echo silent-down;"
        + " nc -z web 82 || echo web-82-down";
    assertThat(docker("run", "--rm", "busybox", "sh", "-c", check))
        .isEqualTo(new Result(0, "web-up\nsilent-up\nweb-82-down\n"));
    assertThat(docker("stop", "-t", "0", "silent").exit()).isZero();
    assertThat(docker("run", "--rm", "busybox", "sh", "-c", check))
        .isEqualTo(new Result(0, "web-up\nsilent-down\nweb-82-down\n"));
  }
}
