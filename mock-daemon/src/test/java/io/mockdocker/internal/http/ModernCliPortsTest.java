package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 publishing ports against a modern-profile daemon: {@code run -p}, {@code -P --expose}, {@code
 * port}, the {@code ps} PORTS column, a connection to the host port, a port in use. Skipped, with the reason, when no
 * {@code docker} binary is on the PATH.
 */
class ModernCliPortsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    }
  }

  @Test
  void an_ephemeral_port_on_loopback_is_shown_by_port_and_ps_and_listens() throws Exception {
    assertThat(docker("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "busybox", "sleep", "1000").exit())
        .isZero();
    Result port = docker("port", "web");
    assertThat(port.out()).matches("80/tcp -> 127\\.0\\.0\\.1:[0-9]+\n");
    int host = Integer.parseInt(port.out().trim().replaceAll(".*:", ""));
    assertThat(docker("port", "web", "80").out()).isEqualTo("127.0.0.1:" + host + "\n");
    assertThat(docker("ps", "--format", "{{.Ports}}").out()).isEqualTo("127.0.0.1:" + host + "->80/tcp\n");
    connect(host);
    assertThat(docker("rm", "-f", "web").exit()).isZero();
  }

  @Test
  void a_fixed_port_is_published_on_both_families_and_a_second_container_cannot_take_it() throws Exception {
    int free = freePort();
    assertThat(docker("run", "-d", "--name", "one", "-p", free + ":80", "busybox", "sleep", "1000").exit()).isZero();
    assertThat(docker("port", "one").out()).isEqualTo("80/tcp -> 0.0.0.0:" + free + "\n80/tcp -> [::]:" + free + "\n");
    assertThat(docker("ps", "--format", "{{.Ports}}").out())
        .isEqualTo("0.0.0.0:" + free + "->80/tcp, [::]:" + free + "->80/tcp\n");
    connect(free);
    Result second = docker("run", "-d", "--name", "two", "-p", free + ":80", "busybox", "sleep", "1000");
    assertThat(second.exit()).isNotZero();
    assertThat(second.out()).contains("Error response from daemon: failed to set up container networking: driver "
        + "failed programming external connectivity on endpoint two (").contains("): Bind for 0.0.0.0:" + free
        + " failed: port is already allocated");
  }

  @Test
  void publish_all_with_expose_publishes_the_port_and_port_reads_it() throws Exception {
    assertThat(docker("run", "-d", "--name", "web", "-P", "--expose", "80", "busybox", "sleep", "1000").exit())
        .isZero();
    String out = docker("port", "web", "80/tcp").out();
    assertThat(out).matches("0\\.0\\.0\\.0:([0-9]+)\n\\[::]:\\1\n");
    int host = Integer.parseInt(out.lines().findFirst().orElseThrow().replaceAll(".*:", ""));
    connect(host);
    assertThat(docker("stop", "-t", "0", "web").exit()).isZero();
    assertThat(docker("port", "web").out()).isEmpty();
  }

  @Test
  void an_exposed_unpublished_port_shows_in_ps_without_a_host_side() throws Exception {
    assertThat(docker("run", "-d", "--name", "web", "--expose", "8080", "busybox", "sleep", "1000").exit()).isZero();
    assertThat(docker("ps", "--format", "{{.Ports}}").out()).isEqualTo("8080/tcp\n");
    assertThat(docker("port", "web").out()).isEmpty();
  }
}
