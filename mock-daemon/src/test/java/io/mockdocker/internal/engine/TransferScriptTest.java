package io.mockdocker.internal.engine;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.faults.Effect;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Scripted transfers: size, chunks, pace, pauses, stops, failures and drops, as a client reads them. */
class TransferScriptTest {
  static final String A = Fixed.id('a');
  static final String B = Fixed.id('b');
  static final Instant T0 = Instant.parse("2013-07-01T00:00:00Z");
  static final String PULL = "/v1.2/images/create?fromImage=test/app";

  VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).clock(clock));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(Fixed.image(B, "", 10240, "./etc/base", "base\n"))
        .image(Fixed.image(A, B, 102400, "./srv/app", "app\n"))
        .tag("test/app", "latest", A)
        .url("http://example.com/f", "hello\n".getBytes(StandardCharsets.UTF_8));
    http = daemon.http();
  }

  static List<String> chunks(Response r) {
    return r.chunks().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void a_failure_at_40_percent_of_layer_2_ends_the_pull_with_the_eras_in_stream_error() {
    docker.script(TransferMatch.pull("test/app").layer(2),
        TransferScript.builder().at(0.4, Effect.error("unexpected EOF")).build());
    Response r = http.post(PULL);
    assertThat(r.status()).isEqualTo(200);
    assertThat(chunks(r)).containsExactly(
        "{\"status\":\"Pulling repository test/app from https://index.docker.io/v1\"}",
        "{\"status\":\"Pulling image " + A + " (latest) from test/app\"}",
        "{\"status\":\"Pulling " + A + " metadata\"}",
        "{\"status\":\"Pulling " + A + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"32.77 kB/102.4 kB (32%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"65.54 kB/102.4 kB (64%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"98.3 kB/102.4 kB (96%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"102.4 kB/102.4 kB (100%)\"}",
        "{}",
        "{\"status\":\"Pulling " + B + " metadata\"}",
        "{\"status\":\"Pulling " + B + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"4.096 kB/10.24 kB (40%)\"}",
        "{}",
        "{\"status\":\"Error while retrieving image for tag:  (unexpected EOF); checking next endpoint\"}",
        "{\"error\":\"Could not find repository on any of the indexed registries.\"}");
    assertThat(Engines.of(docker).findImage("test/app")).isEmpty();
  }

  @Test
  void a_padded_layer_in_small_chunks_reports_the_scripted_size() {
    docker.script(TransferMatch.pull("test/app").image(B),
        TransferScript.builder().size(20_000).chunkSize(5_000).build());
    Response r = http.post(PULL);
    assertThat(chunks(r)).containsSubsequence(
        "{\"status\":\"Pulling " + B + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"5 kB/20 kB (25%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"10 kB/20 kB (50%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"15 kB/20 kB (75%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"20 kB/20 kB (100%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"20 kB/20 kB (100%)\"}",
        "{}");
    assertThat(Engines.of(docker).findImage("test/app")).isPresent();
  }

  @Test
  void a_drop_resets_the_connection_after_the_messages_written_so_far() throws Exception {
    docker.script(TransferMatch.pull("test/app").layer(1), TransferScript.builder().at(0.5, Effect.reset()).build());
    try (Socket s = new Socket(docker.uri().getHost(), docker.uri().getPort())) {
      s.getOutputStream().write(("POST " + PULL + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      IOException end = null;
      try {
        for (int c; (c = in.read()) >= 0; ) {
          got.append((char) c);
        }
      } catch (IOException e) {
        end = e;
      }
      assertThat(got.toString()).contains("{\"status\":\"Downloading\",\"progress\":\"32.77 kB/102.4 kB (32%)\"}")
          .doesNotContain("(64%)");
      assertThat(end).hasMessageContaining("reset");
    }
  }

  @Test
  void a_pace_and_a_pause_take_their_time_on_the_daemon_clock() {
    docker.script(TransferMatch.pull("test/app").layer(2),
        TransferScript.builder().bytesPerSecond(1024).at(0.5, Effect.delay(Duration.ofMinutes(1))).build());
    clock.runInstantly();
    assertThat(http.post(PULL).text()).endsWith("{\"status\":\"Pulling image " + B + " () from test/app\"}");
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(10 + 60));
  }

  @Test
  void a_stopped_transfer_hangs_until_the_daemon_resets() throws Exception {
    TransferHandle stop = docker.script(TransferMatch.pull("test/app"),
        TransferScript.builder().at(0.1, Effect.stall()).build());
    CompletableFuture<String> pull = CompletableFuture.supplyAsync(() -> http.post(PULL).text());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stop.transfers() == 1);
    assertThat(pull).isNotDone();
    docker.reset();
    assertThat(pull).failsWithin(Duration.ofSeconds(10));
  }

  @Test
  void an_insert_download_can_fail_midway_inside_its_stream() {
    docker.preload("test/app");
    docker.script(TransferMatch.insert("http://example.com/f"),
        TransferScript.builder().size(10_000).at(0.5, Effect.error("connection reset by peer")).build());
    Response r = http.post("/v1.2/images/test/app/insert?url=http://example.com/f&path=/f");
    // the read up to 50% is due an update (5000 > 4096 bytes); the failing read prints one more, then the end marker
    assertThat(r.text()).isEqualTo("{\"status\":\"Downloading\",\"progress\":\"5 kB/10 kB (50%)\"}"
        + "{\"status\":\"Downloading\",\"progress\":\"5 kB/10 kB (50%)\"}{}"
        + "{\"error\":\"connection reset by peer\"}");
  }

  @Test
  void a_build_step_can_fail_with_the_eras_error_build_line() {
    docker.preload("test/app");
    docker.script(TransferMatch.build().step(2), TransferScript.builder().at(0, Effect.error("no space left")).build());
    String boundary = "xyz";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"Dockerfile\"; filename=\"Dockerfile\""
        + "\r\nContent-Type: application/octet-stream\r\n\r\nFROM test/app\nMAINTAINER me\n\r\n--" + boundary + "--\r\n";
    Response r = http.post("/v1.2/build", "multipart/form-data; boundary=" + boundary, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("Step 1 : FROM test/app\n ---> " + A.substring(0, 12) + "\n"
        + "Step 2 : MAINTAINER me\nError build: no space left\n");
  }
}
