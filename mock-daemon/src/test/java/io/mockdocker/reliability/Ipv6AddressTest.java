package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.standalone.Main;
import io.mockdocker.testing.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An IPv6 listening address is written in brackets wherever the daemon forms a URL from it. */
class Ipv6AddressTest {
  @Test
  void uri_and_docker_host_bracket_an_ipv6_address_and_the_uri_reaches_the_daemon() {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    for (String host : List.of("::1", "[::1]")) {
      try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).host(host).start()) {
        assertThat(docker.uri().toString()).isEqualTo("http://[::1]:" + docker.port());
        assertThat(docker.dockerHost()).isEqualTo("tcp://[::1]:" + docker.port());
        assertThat(new RawHttp(docker.uri()).get("/_ping").text()).isEqualTo("OK");
      }
    }
  }

  @Test
  void an_ipv4_address_and_a_name_stay_as_they_are() {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).host("localhost").start()) {
      assertThat(docker.uri().toString()).isEqualTo("http://localhost:" + docker.port());
    }
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).start()) {
      assertThat(docker.dockerHost()).isEqualTo("tcp://127.0.0.1:" + docker.port());
    }
  }

  @Test
  void the_standalone_banner_brackets_the_address() throws Exception {
    assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--host", "::1", "--port", "0").redirectErrorStream(true).start();
    try {
      String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertThat(first).matches("listening on http://\\[::1\\]:\\d+");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static boolean ipv6Loopback() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return s.getInetAddress() instanceof Inet6Address;
    } catch (IOException e) {
      return false;
    }
  }
}
