package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.Sockets;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection to a published port gets, over real sockets against the modern view: a fixed reply, echo,
 * forwarding to a server the test started, a Java handler, a port that opens after a log line on the virtual clock,
 * the end of the run; and the list's {@code publish} and {@code expose} filters.
 */
class ModernPortScriptsTest {
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  /** Creates and starts {@code name} publishing {@code port} on an ephemeral loopback port; returns the host port. */
  int run(String name, String port) {
    Json.create(http, "/v1.50/containers/create?name=" + name, "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],"
        + "\"HostConfig\":{\"PortBindings\":{\"" + port + "\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]}}}");
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return hostPort(name, port);
  }

  int hostPort(String name, String port) {
    JsonNode ports = tree(http.get("/v1.50/containers/" + name + "/json")).get("NetworkSettings").get("Ports");
    return ports.get(port).get(0).get("HostPort").asInt();
  }

  static String exchange(int port, String send) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void an_http_reply_answers_each_request_with_a_well_formed_response_and_closes() throws IOException {
    PortScriptHandle handle = docker.script(PortMatch.image("busybox").withPort("80"),
        PortScript.httpReply(200, "hello from web\n"));
    int port = run("web", "80/tcp");
    String request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String expected = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\n"
        + "Connection: close\r\n\r\nhello from web\n";
    assertThat(exchange(port, request)).isEqualTo(expected);
    assertThat(exchange(port, request)).isEqualTo(expected);
    assertThat(handle.connections()).isEqualTo(2);
    HttpResponse<String> r = get(port, "/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from web\n");
  }

  @Test
  void echo_sends_every_byte_back_and_a_fixed_reply_needs_no_request() throws IOException {
    docker.script(PortMatch.port("7"), PortScript.echo());
    docker.script(PortMatch.port("25"), PortScript.reply("220 mock ESMTP\r\n"));
    int echo = run("echo", "7/tcp");
    int smtp = run("smtp", "25/tcp");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", echo), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
      s.shutdownOutput();
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ping\n");
    }
    assertThat(exchange(smtp, "")).isEqualTo("220 mock ESMTP\r\n");
  }

  @Test
  void forward_puts_a_server_the_test_started_behind_the_container_port() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange.getResponseSender().send("{\"status\":\"UP\"}");
    }).build();
    server.start();
    int target = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    try {
      PortScriptHandle handle = docker.script(PortMatch.container("api"),
          PortScript.forward("127.0.0.1", target));
      int port = run("api", "8080/tcp");
      HttpResponse<String> r = get(port, "/actuator/health");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(seen).containsExactly("GET /actuator/health");
      assertThat(handle.connections()).isEqualTo(1);
    } finally {
      server.stop();
    }
  }

  @Test
  void forward_to_a_target_that_refuses_closes_the_client_connection() throws IOException {
    int refused;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      refused = probe.getLocalPort();
    }
    docker.script(PortMatch.any(), PortScript.forward("127.0.0.1", refused));
    int port = run("api", "8080/tcp");
    assertThat(exchange(port, "GET / HTTP/1.0\r\n\r\n")).isEmpty();
    assertThat(Sockets.listening(port)).as("the port itself still listens").isTrue();
  }

  @Test
  void a_java_handler_gets_the_connection_streams() throws IOException {
    docker.script(PortMatch.any(), PortScript.handler((in, out) -> {
      String word = new String(in.readNBytes(5), StandardCharsets.UTF_8);
      out.write(("+" + word.toUpperCase(java.util.Locale.ROOT) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }));
    int port = run("redis", "6379/tcp");
    assertThat(exchange(port, "hello")).isEqualTo("+HELLO\r\n");
  }

  @Test
  void a_port_waiting_for_its_log_line_is_in_inspect_but_refuses_connections_until_the_process_prints_it()
      throws Exception {
    docker.script(ProcessMatch.image("busybox"), ProcessScript.builder().stdout("initdb\n")
        .sleep(Duration.ofSeconds(5)).stdout("database system is ready to accept connections\n").awaitExit().build());
    docker.script(PortMatch.port("5432"), PortScript.reply("R").openAfterLog("ready to accept connections"));
    int port = run("db", "5432/tcp");
    assertThat(port).isPositive();
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    assertThat(Sockets.listening(port)).as("before the line").isFalse();
    assertThat(tree(http.get("/v1.50/containers/json")).get(0).get("Ports").get(0).get("PublicPort").asInt())
        .isEqualTo(port);
    clock.advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> Sockets.listening(port));
    assertThat(exchange(port, "")).isEqualTo("R");
  }

  @Test
  void the_port_closes_when_the_process_exits() throws Exception {
    docker.script(ProcessMatch.image("busybox"), ProcessScript.builder().sleep(Duration.ofSeconds(3)).exit(0)
        .build());
    docker.script(PortMatch.any(), PortScript.echo());
    int port = run("short", "80/tcp");
    try (Socket held = new Socket()) {
      held.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      held.setSoTimeout(10_000);
      clock.awaitSleepers(1, Duration.ofSeconds(10));
      assertThat(Sockets.listening(port)).isTrue();
      clock.advance(Duration.ofSeconds(3));
      assertThat(Sockets.closedByPeer(held)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !Sockets.listening(port));
    assertThat(tree(http.get("/v1.50/containers/short/json")).get("State").get("Status").asText())
        .isEqualTo("exited");
  }

  @Test
  void a_scenario_says_what_ports_get_in_json() throws IOException {
    docker.load(Scenario.fromJson("{\"name\":\"ports\",\"ports\":["
        + "{\"match\":{\"port\":\"80\"},\"httpReply\":{\"status\":503,\"body\":\"busy\"}},"
        + "{\"match\":{\"container\":\"echo\"},\"echo\":true}]}"));
    int web = run("web", "80/tcp");
    int echo = run("echo", "80/tcp");
    assertThat(exchange(web, "GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .endsWith("\r\n\r\nbusy");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", echo), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
      assertThat(s.getInputStream().read()).isEqualTo('x');
    }
  }

  @Test
  void publish_and_expose_filter_the_list_by_host_port_and_container_port() {
    int web = run("web", "80/tcp");
    run("dns", "53/udp");
    Json.create(http, "/v1.50/containers/create?name=exposed",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"ExposedPorts\":{\"9000/tcp\":{}}}");
    http.post("/v1.50/containers/exposed/start");
    assertThat(names("{\"publish\":[\"" + web + "\"]}")).containsExactly("/web");
    assertThat(names("{\"publish\":[\"" + web + "/tcp\"]}")).containsExactly("/web");
    assertThat(names("{\"publish\":[\"" + web + "/udp\"]}")).isEmpty();
    assertThat(names("{\"publish\":[\"" + (web - 1) + "-" + (web + 1) + "/tcp\"]}")).containsExactly("/web");
    assertThat(names("{\"publish\":[\"80\"]}")).as("publish is the host port").isEmpty();
    assertThat(names("{\"expose\":[\"80\"]}")).containsExactly("/web");
    assertThat(names("{\"expose\":[\"53/udp\"]}")).containsExactly("/dns");
    assertThat(names("{\"expose\":[\"53\"]}")).isEmpty();
    assertThat(names("{\"expose\":[\"9000\"]}")).containsExactly("/exposed");
    assertThat(names("{\"expose\":[\"53/udp\"],\"publish\":[\"" + web + "\"]}"))
        .as("either filter lets a container through").containsExactlyInAnyOrder("/web", "/dns");
    assertThat(names("{\"expose\":[\"1-100/tcp\"],\"name\":[\"web\"]}")).containsExactly("/web");
  }

  @Test
  void a_port_filter_that_does_not_parse_is_the_daemons_plain_error() {
    assertThat(list("{\"publish\":[\"8080:80\"]}").text())
        .isEqualTo("{\"message\":\"filter for 'publish' should not contain ':': 8080:80\"}\n");
    Response bad = list("{\"expose\":[\"abc\"]}");
    assertThat(bad.status()).isEqualTo(500);
    assertThat(bad.text()).isEqualTo("{\"message\":\"error while looking up for expose abc: strconv.ParseUint: "
        + "parsing \\\"abc\\\": invalid syntax\"}\n");
    assertThat(list("{\"publish\":[\"70000\"]}").text()).isEqualTo("{\"message\":\"error while looking up for "
        + "publish 70000: strconv.ParseUint: parsing \\\"70000\\\": value out of range\"}\n");
    assertThat(list("{\"publish\":[\"90-80\"]}").text()).isEqualTo("{\"message\":\"error while looking up for "
        + "publish 90-80: invalid range specified for port: 90-80\"}\n");
    assertThat(list("{\"publish\":[\"/tcp\"]}").text()).isEqualTo("{\"message\":\"error while looking up for "
        + "publish /tcp: empty string specified for ports\"}\n");
    assertThat(http.get("/v1.50/containers/json").status()).isEqualTo(200);
  }

  Response list(String filters) {
    return http.get("/v1.50/containers/json?filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8));
  }

  List<String> names(String filters) {
    Response r = list(filters);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    tree(r).forEach(c -> names.add(c.get("Names").get(0).asText()));
    return names;
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
              .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
