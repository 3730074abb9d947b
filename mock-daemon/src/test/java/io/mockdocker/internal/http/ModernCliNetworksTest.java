package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 network commands against a modern-profile daemon: create, ls, inspect, connect, disconnect, rm,
 * prune, {@code run --network --network-alias} and an unknown network. Skipped, with the reason, without a
 * {@code docker} binary on the PATH.
 */
class ModernCliNetworksTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void network_lifecycle_as_a_user_sees_it() throws Exception {
    Result create = docker("network", "create", "--label", "team=a", "appnet");
    assertThat(create.exit()).isZero();
    assertThat(create.out()).matches("[0-9a-f]{64}\n");
    String id = create.out().trim();

    Result ls = docker("network", "ls");
    assertThat(ls.exit()).isZero();
    String[] rows = ls.out().split("\n");
    assertThat(rows[0]).isEqualTo("NETWORK ID     NAME      DRIVER    SCOPE");
    assertThat(ls.out()).contains(id.substring(0, 12) + "   appnet    bridge    local\n")
        .containsPattern("[0-9a-f]{12}   bridge    bridge    local\n")
        .containsPattern("[0-9a-f]{12}   host      host      local\n")
        .containsPattern("[0-9a-f]{12}   none      null      local\n");
    assertThat(docker("network", "ls", "--filter", "label=team=a", "--format", "{{.Name}}").out())
        .isEqualTo("appnet\n");

    Result inspect = docker("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}",
        "appnet");
    assertThat(inspect.out()).isEqualTo("172.17.0.0/16 172.17.0.1\n");

    Result run = docker("run", "-d", "--name", "db", "--network", "appnet", "--network-alias", "database", "busybox",
        "sleep", "100");
    assertThat(run.exit()).isZero();
    assertThat(docker("inspect", "--format",
        "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}}{{end}}", "db").out())
        .isEqualTo("appnet 172.17.0.2 [database]\n");
    assertThat(docker("network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}",
        "appnet").out()).isEqualTo("db 172.17.0.2/16\n");

    Result other = docker("run", "-d", "--name", "other", "busybox", "sleep", "100");
    assertThat(other.exit()).as(other.out()).isZero();
    assertThat(docker("network", "connect", "--alias", "o", "appnet", "other").exit()).isZero();
    assertThat(docker("inspect", "--format", "{{(index .NetworkSettings.Networks \"appnet\").IPAddress}}", "other")
        .out()).isEqualTo("172.17.0.3\n");
    Result busy = docker("network", "rm", "appnet");
    assertThat(busy.exit()).isEqualTo(1);
    assertThat(busy.out()).startsWith("Error response from daemon: error while removing network: network appnet has "
        + "active endpoints (");
    assertThat(docker("network", "disconnect", "appnet", "other").exit()).isZero();
    assertThat(docker("rm", "-f", "db").exit()).isZero();
    Result rm = docker("network", "rm", "appnet");
    assertThat(rm.out()).isEqualTo("appnet\n");
    assertThat(rm.exit()).isZero();

    assertThat(docker("network", "create", "idle").exit()).isZero();
    Result prune = docker("network", "prune", "-f");
    assertThat(prune.out()).isEqualTo("Deleted Networks:\nidle\n\n");
    assertThat(prune.exit()).isZero();
  }

  @Test
  void an_unknown_network_fails_the_run_and_a_duplicate_name_the_create() throws Exception {
    Result r = docker("run", "--network", "nosuch", "busybox", "true");
    assertThat(r.out()).contains("Error response from daemon: failed to set up container networking: network nosuch "
        + "not found");
    assertThat(r.exit()).isEqualTo(125);
    assertThat(docker("network", "create", "twin").exit()).isZero();
    Result dup = docker("network", "create", "twin");
    assertThat(dup.out()).isEqualTo("Error response from daemon: network with name twin already exists\n");
    assertThat(dup.exit()).isEqualTo(1);
    Result missing = docker("network", "inspect", "nosuch");
    assertThat(missing.out()).contains("network nosuch not found");
    assertThat(missing.exit()).isEqualTo(1);
  }
}
