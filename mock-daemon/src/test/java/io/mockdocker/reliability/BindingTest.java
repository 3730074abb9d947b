package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.standalone.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R6: the daemon binds loopback unless told otherwise, and says so loudly when told otherwise. */
class BindingTest {
  @Test
  void loopback_addresses_and_localhost_get_no_warning() {
    assertThat(Main.bindWarning("127.0.0.1")).isEmpty();
    assertThat(Main.bindWarning("127.0.0.2")).isEmpty();
    assertThat(Main.bindWarning("::1")).isEmpty();
    assertThat(Main.bindWarning("[::1]")).isEmpty();
    assertThat(Main.bindWarning("localhost")).isEmpty();
  }

  @Test
  void wildcards_and_other_addresses_get_the_warning() {
    assertThat(Main.bindWarning("0.0.0.0")).contains("warning: listening on 0.0.0.0, reachable from other machines");
    assertThat(Main.bindWarning("::")).contains("warning: listening on ::, reachable from other machines");
    assertThat(Main.bindWarning("192.168.1.5"))
        .contains("warning: listening on 192.168.1.5, reachable from other machines");
    assertThat(Main.bindWarning("no-such-host.invalid"))
        .contains("warning: listening on no-such-host.invalid, reachable from other machines");
  }

  @Test
  void the_builder_binds_127_0_0_1_by_default_and_other_interfaces_cannot_connect() throws Exception {
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).start()) {
      assertThat(docker.host()).isEqualTo("127.0.0.1");
      assertThat(docker.uri().toString()).startsWith("http://127.0.0.1:");
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", docker.port()), 2000);
        assertThat(s.isConnected()).isTrue();
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(external.get(), docker.port()), 2000);
        }
      }).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void the_standalone_daemon_is_silent_on_stderr_by_default(@TempDir Path dir) throws Exception {
    Path stderr = dir.resolve("stderr");
    Process p = launch(ProcessBuilder.Redirect.to(stderr.toFile()), "--port", "0");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(stderr)).isEmpty();
  }

  @Test
  void the_standalone_daemon_warns_on_stderr_when_told_to_bind_the_wildcard() throws Exception {
    Process p = launch(ProcessBuilder.Redirect.PIPE, "--host", "0.0.0.0", "--port", "0");
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      assertThat(err.readLine()).isEqualTo("warning: listening on 0.0.0.0, reachable from other machines");
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).matches("listening on http://0\\.0\\.0\\.0:\\d+");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static Process launch(ProcessBuilder.Redirect stderr, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(stderr).start();
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
