package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 swarm, service and plugin commands against a modern-profile daemon outside a swarm. Skipped, with
 * the reason, without a {@code docker} binary on the PATH.
 */
class ModernCliSwarmTest {
  static final String NOT_A_MANAGER = "Error response from daemon: This node is not a swarm manager. Use \"docker "
      + "swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.\n";

  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  void fails(String expected, String... args) {
    Result r = docker(args);
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).isEqualTo(expected);
  }

  @Test
  void swarm_commands_say_the_node_is_outside_a_swarm() {
    fails("Error response from daemon: This node is not part of a swarm\n", "swarm", "leave");
    fails("Error response from daemon: This node is not part of a swarm\n", "swarm", "leave", "--force");
    fails(NOT_A_MANAGER, "service", "ls");
    fails(NOT_A_MANAGER, "service", "create", "--name", "web", "busybox");
    fails(NOT_A_MANAGER, "node", "ls");
    fails(NOT_A_MANAGER, "secret", "ls");
    fails(NOT_A_MANAGER, "config", "ls");
    fails(NOT_A_MANAGER, "stack", "ls");
    fails("could not fetch unlock key: " + NOT_A_MANAGER, "swarm", "unlock-key");
    fails("Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm will "
        + "continue in the background. Use the \"docker info\" command to see the current swarm status of your "
        + "node.\n", "swarm", "join", "--token", "SWMTKN-1-x", "10.0.0.1:2377");
    Result info = docker("info");
    assertThat(info.exit()).isZero();
    assertThat(info.out()).contains("\n Swarm: inactive\n");
    assertThat(docker("info", "--format", "{{.Swarm.LocalNodeState}}").out()).isEqualTo("inactive\n");
  }

  @Test
  void no_plugins_are_listed_found_or_installed() {
    Result ls = docker("plugin", "ls");
    assertThat(ls.exit()).isZero();
    assertThat(ls.out()).isEqualTo("ID        NAME      DESCRIPTION   ENABLED\n");
    fails("[]\nError response from daemon: plugin \"sshfs\" not found\n", "plugin", "inspect", "sshfs");
    fails("Error response from daemon: plugin \"sshfs\" not found\n", "plugin", "rm", "sshfs");
    fails("Error response from daemon: error resolving plugin reference: pull access denied, repository does not "
        + "exist or may require authorization: server message: insufficient_scope: authorization failed\n",
        "plugin", "install", "--grant-all-permissions", "vieux/sshfs");
    fails("[]\nError: No such object: nosuch\n", "inspect", "nosuch");
  }
}
