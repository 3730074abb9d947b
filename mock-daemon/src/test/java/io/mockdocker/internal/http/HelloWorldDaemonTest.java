package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Docker docs' hello-world daemon, {@code /bin/sh -c "while true; do echo hello world; sleep 1; done"}, in the era
 * view on a virtual clock: a line a second on the clock, streamed live to an attached client, all of them in the logs
 * after a long advance, and a kill that ends it at once.
 */
class HelloWorldDaemonTest {
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";
  static final String LINE = "hello world\n";
  static final Duration WAIT = Duration.ofSeconds(10);

  final VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).clock(clock));
  MockDocker docker;
  RawHttp http;
  String id;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
    id = Json.create(http, "/containers/create", "{\"Image\":\"base\",\"Cmd\":[\"/bin/sh\",\"-c\","
        + "\"while true; do echo hello world; sleep 1; done\"]}");
    assertThat(http.post("/containers/" + id + "/start").status()).isEqualTo(204);
  }

  String logs() {
    return http.post("/containers/" + id + "/attach?logs=1&stdout=1&stderr=1").text();
  }

  @Test
  void an_attached_client_sees_each_line_as_the_clock_reaches_it() throws Exception {
    try (Socket s = new Socket("127.0.0.1", docker.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST /v1.2/containers/" + id + "/attach?logs=1&stream=1&stdout=1 HTTP/1.1\r\n"
          + "Host: x\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertThat(read(in, HEAD.length())).isEqualTo(HEAD);
      assertThat(read(in, LINE.length())).isEqualTo(LINE); // the first, printed as it started
      for (int second = 1; second <= 3; second++) {
        clock.awaitSleepers(1, WAIT);
        assertThat(in.available()).as("nothing before the clock moves").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(read(in, LINE.length())).isEqualTo(LINE);
      }
      assertThat(http.post("/containers/" + id + "/kill").status()).isEqualTo(204);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      assertThat(rest.toString(StandardCharsets.UTF_8)).isEmpty();
    }
    assertThat(Json.tree(http.get("/containers/" + id + "/json")).get("State").get("Running").asBoolean()).isFalse();
  }

  @Test
  void ten_minutes_on_the_clock_log_six_hundred_more_lines() throws Exception {
    await().atMost(WAIT).until(() -> logs().equals(LINE));
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofMinutes(10));
    // the line printed at the start, then one for each of the 600 seconds the loop slept through
    await().atMost(WAIT).until(() -> logs().length() == 601 * LINE.length());
    clock.awaitSleepers(1, WAIT);
    assertThat(logs()).isEqualTo(LINE.repeat(601));
    assertThat(http.post("/containers/" + id + "/kill").status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").status()).isEqualTo(200);
  }

  static String read(InputStream in, int n) throws Exception {
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
