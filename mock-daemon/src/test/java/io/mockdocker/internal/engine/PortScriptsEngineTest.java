package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.testing.Sockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Port scripts in the engine: which script a port gets, when it opens, pause and the end of the run. No HTTP. */
class PortScriptsEngineTest {
  static final String IMAGE = "c".repeat(64);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();

  PortScriptsEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  /** Creates and starts a container publishing {@code ports} on ephemeral host ports. */
  String run(String name, String... ports) {
    Map<String, List<PortBinding>> bindings = new java.util.TreeMap<>();
    for (String p : ports) {
      bindings.put(p, List.of(new PortBinding("127.0.0.1", "")));
    }
    String id = engine.containers().create(Config.builder().image("busybox").cmd("sleep", "1000").build(), name,
        HostConfig.DEFAULT, new PortConfig(Set.of(), bindings, false)).fullId();
    engine.containers().start(id);
    return id;
  }

  int hostPort(String name, String port) {
    return engine.containers().inspect(name).ports().published().stream().filter(p -> p.port().equals(port))
        .findFirst().orElseThrow().hostPort();
  }

  static String exchange(int port, String send) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void the_newest_matching_script_wins_by_image_container_and_port() throws IOException {
    PortScriptHandle any = engine.ports().script(PortMatch.any(), PortScript.reply("any"));
    engine.ports().script(PortMatch.image("busybox").withPort("80"), PortScript.reply("busybox 80"));
    engine.ports().script(PortMatch.container("/db"), PortScript.reply("db"));
    engine.ports().script(PortMatch.image("other"), PortScript.reply("other image"));
    run("web", "80/tcp", "81/tcp");
    run("db", "80/tcp");
    assertThat(exchange(hostPort("web", "80/tcp"), "")).isEqualTo("busybox 80");
    assertThat(exchange(hostPort("web", "81/tcp"), "")).isEqualTo("any");
    assertThat(exchange(hostPort("db", "80/tcp"), "")).isEqualTo("db");
    assertThat(any.connections()).isEqualTo(1);
    assertThat(engine.ports().scripts()).hasSize(4);
    assertThat(engine.ports().removeScript(any)).isTrue();
  }

  @Test
  void a_port_waiting_for_a_log_line_is_allocated_but_refuses_connections_until_the_line() throws Exception {
    engine.script(ProcessMatch.image("busybox"), ProcessScript.builder().stdout("booting\n")
        .sleep(Duration.ofSeconds(10)).stdout("ready to accept ").stderr("noise\n").stdout("connections\n")
        .awaitExit().build());
    engine.ports().script(PortMatch.port("5432"), PortScript.echo().openAfterLog("ready to accept connections"));
    run("db", "5432/tcp");
    int port = hostPort("db", "5432/tcp");
    assertThat(port).isPositive();
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    assertThat(Sockets.listening(port)).as("before the line").isFalse();
    clock.advance(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> Sockets.listening(port));
    assertThat(exchange(port, "ping")).isEqualTo("ping");
  }

  @Test
  void a_port_opens_after_a_delay_on_the_engine_clock_counted_from_its_log_line() throws Exception {
    engine.script(ProcessMatch.image("busybox"), ProcessScript.builder().stdout("up\n").awaitExit().build());
    engine.ports().script(PortMatch.port("80"), PortScript.reply("late").openAfterLog("up").openAfter(
        Duration.ofSeconds(30)));
    run("slow", "80/tcp");
    int port = hostPort("slow", "80/tcp");
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    assertThat(Sockets.listening(port)).isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(Sockets.listening(port)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> Sockets.listening(port));
    assertThat(exchange(port, "")).isEqualTo("late");
  }

  @Test
  void a_paused_container_accepts_connections_but_does_not_serve_them_until_unpause() throws Exception {
    engine.ports().script(PortMatch.any(), PortScript.echo());
    run("web", "7/tcp");
    int port = hostPort("web", "7/tcp");
    engine.control().pause("web");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.getOutputStream().write("hi".getBytes(StandardCharsets.UTF_8));
      s.setSoTimeout(300);
      InputStream in = s.getInputStream();
      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
      engine.control().unpause("web");
      s.setSoTimeout(10_000);
      assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo("hi");
    }
  }

  @Test
  void a_connection_waiting_on_a_paused_container_is_closed_when_the_run_is_killed() throws Exception {
    engine.ports().script(PortMatch.any(), PortScript.reply("never"));
    run("web", "80/tcp");
    int port = hostPort("web", "80/tcp");
    engine.control().pause("web");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      engine.containers().kill("web");
      assertThat(Sockets.closedByPeer(s)).isTrue();
    }
  }

  @Test
  void a_handler_that_throws_closes_its_connection_and_the_port_serves_the_next() throws IOException {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    engine.ports().script(PortMatch.any(), PortScript.handler((in, out) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("the test's handler failed");
      }
      out.write("second".getBytes(StandardCharsets.UTF_8));
    }));
    run("web", "80/tcp");
    int port = hostPort("web", "80/tcp");
    assertThat(exchange(port, "")).isEmpty();
    assertThat(exchange(port, "")).isEqualTo("second");
  }

  @Test
  void the_end_of_the_run_closes_the_port_and_its_connections() throws Exception {
    ScriptHandle process = engine.script(ProcessMatch.image("busybox"), ProcessScript.builder().awaitExit().build());
    run("web", "80/tcp");
    int port = hostPort("web", "80/tcp");
    try (Socket held = new Socket()) {
      held.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      held.setSoTimeout(10_000);
      process.exit(0);
      await().atMost(Duration.ofSeconds(10)).until(() -> !engine.containers().inspect("web").state().running());
      assertThat(Sockets.closedByPeer(held)).isTrue();
    }
    assertThat(Sockets.listening(port)).isFalse();
  }

  @Test
  void a_run_ended_before_its_port_opened_leaves_nothing_listening() throws Exception {
    ScriptHandle process = engine.script(ProcessMatch.image("busybox"), ProcessScript.builder().awaitExit().build());
    engine.ports().script(PortMatch.any(), PortScript.hold().openAfterLog("never printed"));
    run("web", "80/tcp");
    int port = hostPort("web", "80/tcp");
    process.exit(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> !engine.containers().inspect("web").state().running());
    assertThat(Sockets.listening(port)).isFalse();
    run("again", "80/tcp");
  }

  @Test
  void a_waiting_port_restarts_on_a_fixed_host_port_its_last_run_left_in_time_wait() throws Exception {
    int fixed;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      fixed = probe.getLocalPort();
    }
    engine.ports().script(PortMatch.any(), PortScript.reply("x").openAfter(Duration.ofSeconds(1)));
    String id = engine.containers().create(Config.builder().image("busybox").cmd("sleep", "1000").build(), "web",
        HostConfig.DEFAULT, new PortConfig(Set.of(), Map.of("80/tcp", List.of(new PortBinding("", "" + fixed))),
            false)).fullId();
    for (int run = 1; run <= 2; run++) {
      engine.containers().start(id);
      clock.awaitSleepers(2, Duration.ofSeconds(10)); // the shell's sleep and the port's delay
      assertThat(Sockets.listening(fixed)).isFalse();
      clock.advance(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> Sockets.listening(fixed));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", fixed), 5000);
        s.setSoTimeout(10_000);
        // the port closes first (the client reads to the end), so its side of the connection waits in TIME_WAIT
        assertThat(s.getInputStream().readAllBytes()).isEqualTo(new byte[] {'x'});
      }
      engine.containers().kill("web");
      await().atMost(Duration.ofSeconds(10)).until(() -> !engine.containers().inspect("web").state().running());
    }
  }

  @Test
  void port_values_check_their_input_and_a_scenario_says_one_behaviour() {
    assertThat(PortMatch.port("80")).isEqualTo(new PortMatch(null, null, "80/tcp"));
    assertThat(PortMatch.container("/web").container()).isEqualTo("web");
    assertThat(PortMatch.image("nginx").withPort("53/udp").withContainer("dns"))
        .hasToString("PortMatch{image=nginx, container=dns, port=53/udp}");
    assertThatThrownBy(() -> PortMatch.port("http")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a container port is a number with an optional protocol: http/tcp");
    assertThatThrownBy(() -> PortScript.httpReply(42, "")).hasMessage("an HTTP status is from 100 to 599: 42");
    assertThatThrownBy(() -> PortScript.forward("localhost", 0)).hasMessage("a port is from 1 to 65535: 0");
    assertThatThrownBy(() -> PortScript.hold().openAfterLog("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortScript.echo().openAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PortScript.hold().opensAtStart()).isTrue();
    assertThat(PortScript.reply("x").openAfter(Duration.ofSeconds(2)))
        .isEqualTo(PortScript.reply("x").openAfter(Duration.ofSeconds(2)))
        .hasToString("PortScript{Reply[1 bytes], after PT2S}");

    io.mockdocker.scenario.Scenario s = io.mockdocker.scenario.Scenario.fromJson("{\"ports\":[{\"match\":{\"image\":"
        + "\"nginx\",\"port\":\"80\"},\"forward\":{\"host\":\"127.0.0.1\",\"port\":8080},"
        + "\"openAfterLog\":\"ready\",\"openAfter\":\"PT3S\"}]}");
    assertThat(s.ports()).containsExactly(new io.mockdocker.scenario.Scenario.Port(PortMatch.image("nginx")
        .withPort("80"), PortScript.forward("127.0.0.1", 8080).openAfterLog("ready").openAfter(Duration.ofSeconds(3))));
    assertThatThrownBy(() -> io.mockdocker.scenario.Scenario.fromJson("{\"ports\":[{\"echo\":true,\"hold\":true}]}"))
        .hasMessageStartingWith("a port script says one of hold, echo, reply, httpReply or forward");
    assertThatThrownBy(() -> io.mockdocker.scenario.Scenario.fromJson("{\"ports\":[{\"forward\":\"x:1\"}]}"))
        .hasMessageStartingWith("forward is {\"host\": \"…\", \"port\": N}");
  }
}
