package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ConnectionTimeouts;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow clients: a request head that does not arrive in time, dripping or stuck, a connection left open without a
 * request, and a request body that stops coming for the idle timeout, are closed; a request whose head arrived may
 * stay quiet (a long wait) past both timeouts, and a body that keeps coming is read however long it takes.
 */
class ConnectionTimeoutsTest {
  static final Duration HEAD = Duration.ofMillis(700);
  static final Duration IDLE = Duration.ofMillis(900);

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).connectionTimeouts(new ConnectionTimeouts(HEAD, IDLE))
        .start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  @Test
  void a_head_stuck_in_its_middle_is_closed_after_the_head_timeout() throws Exception {
    try (Socket s = http.connect()) {
      s.getOutputStream().write("GET /v1.2/version HTTP/1.1\r\nHost: x\r\nX-Half: ".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      assertClosedByTheDaemon(s);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(http.get("/_ping").text()).isEqualTo("OK");
  }

  @Test
  void a_head_dripping_a_byte_at_a_time_is_closed_although_bytes_keep_coming() throws Exception {
    try (Socket s = http.connect()) {
      OutputStream out = s.getOutputStream();
      byte[] head = "GET /v1.2/version HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int i = 0;
      boolean closed = false;
      while (!closed && i < head.length && System.nanoTime() < deadline) {
        try {
          out.write(head[i++]);
          out.flush();
        } catch (SocketException e) {
          closed = true;
        }
        // a byte every 100 ms (real time: the timeout is the server's, on its own clock)
        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
      }
      assertThat(i).as("the head was never sent whole").isLessThan(head.length);
      assertClosedByTheDaemon(s);
    }
  }

  @Test
  void a_connection_with_no_request_is_closed_after_the_idle_timeout() throws Exception {
    try (Socket s = http.connect()) {
      assertClosedByTheDaemon(s);
    }
    try (Socket s = http.connect()) {
      s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.readHeadAndBody(s.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("OK");
      assertClosedByTheDaemon(s); // kept alive, then idle
    }
  }

  @Test
  void a_request_whose_head_arrived_may_wait_past_both_timeouts() throws Exception {
    String id = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"sleep\",\"2\"]}").text().replaceAll(".*\"Id\":\"([0-9a-f]+)\".*", "$1");
    assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
    RawHttp.Response waited = http.post("/v1.2/containers/" + id + "/wait");
    assertThat(waited.status()).isEqualTo(200);
    assertThat(waited.text()).isEqualTo("{\"StatusCode\":0}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1.2/containers/create", "/v1.2/build", "/v1.2/images/create?fromSrc=-"})
  void a_chunked_body_that_stops_coming_is_closed_after_the_idle_timeout(String path) throws Exception {
    try (Logged logged = Logged.capture(); Socket s = http.connect()) {
      s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n{\"Image\"").getBytes(
              StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      assertClosedByTheDaemon(s);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(IDLE.minusMillis(100),
          Duration.ofSeconds(10));
      assertThat(http.get("/_ping").text()).isEqualTo("OK");
      assertThat(logged.records()).isEmpty();
    }
  }

  @Test
  void a_body_with_a_length_that_stops_coming_is_closed_after_the_idle_timeout() throws Exception {
    try (Logged logged = Logged.capture(); Socket s = http.connect()) {
      s.getOutputStream().write(("POST /v1.2/containers/create HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Image\"").getBytes(
              StandardCharsets.US_ASCII));
      assertClosedByTheDaemon(s);
      assertThat(http.get("/_ping").text()).isEqualTo("OK");
      assertThat(logged.records()).isEmpty();
    }
  }

  @Test
  void a_body_the_endpoint_does_not_read_that_stops_coming_is_closed_after_the_idle_timeout() throws Exception {
    try (Logged logged = Logged.capture(); Socket s = http.connect()) {
      s.getOutputStream().write("GET /_ping HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"
          .getBytes(StandardCharsets.US_ASCII));
      assertClosedByTheDaemon(s);
      assertThat(http.get("/_ping").text()).isEqualTo("OK");
      assertThat(logged.records()).isEmpty();
    }
  }

  @Test
  void a_chunked_body_that_keeps_coming_is_read_whole_however_long_it_takes() throws Exception {
    try (Socket s = http.connect()) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1.2/containers/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String body = "{\"Image\":\"base\",\"Cmd\":[\"true\"]}";
      long started = System.nanoTime();
      for (int i = 0; i < body.length(); i += 4) {
        String piece = body.substring(i, Math.min(body.length(), i + 4));
        out.write((Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // a chunk every 300 ms, a third of the idle timeout (real time: the timeout is the server's)
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(IDLE.multipliedBy(2));
      assertThat(RawHttp.readHeadAndBody(s.getInputStream())).startsWith("HTTP/1.1 201 Created\r\n")
          .contains("\"Id\":");
    }
  }

  @Test
  void timeouts_must_be_positive() {
    assertThatThrownBy(() -> new ConnectionTimeouts(Duration.ZERO, IDLE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestHead");
    assertThatThrownBy(() -> new ConnectionTimeouts(HEAD, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle");
    assertThat(ConnectionTimeouts.DEFAULT).isEqualTo(new ConnectionTimeouts(Duration.ofSeconds(30),
        Duration.ofMinutes(10)));
  }

  /** Reads until the end of the stream (or a reset): the daemon closed; fails if it is still open after 10 s. */
  static void assertClosedByTheDaemon(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // whatever came before the close
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection is still open after 10 s", e);
    } catch (SocketException e) {
      // a reset: closed as well
    }
  }
}
