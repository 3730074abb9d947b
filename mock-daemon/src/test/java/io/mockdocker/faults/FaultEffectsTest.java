package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a client observes of each effect, at the head and inside a pull stream. */
class FaultEffectsTest {
  static final String A = Fixed.id('a');
  static final String B = Fixed.id('b');
  static final Instant T0 = Instant.parse("2013-07-01T00:00:00Z");
  static final String PULL = "/v1.2/images/create?fromImage=test/app";
  static final String FIRST_TWO = "{\"status\":\"Pulling repository test/app from https://index.docker.io/v1\"}"
      + "{\"status\":\"Pulling image " + A + " (latest) from test/app\"}";

  VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).clock(clock));
  MockDocker docker;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(Fixed.image(B, "", 10240, "./etc/base", "base\n"))
        .image(Fixed.image(A, B, 102400, "./srv/app", "app\n"))
        .tag("test/app", "latest", A);
  }

  @AfterEach
  void stop() {
    // wakes a request a failed test left sleeping on the clock: close() would wait for it for ever
    clock.advance(Duration.ofDays(1));
  }

  @Test
  void an_error_at_the_head_answers_its_status_and_message_as_the_daemon_did() throws Exception {
    docker.on("GET", "/images/*/json").error("No such image: ghost");
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(docker.uri().resolve("/v1.2/images/base/json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.body()).isEqualTo("No such image: ghost\n");
  }

  @Test
  void a_reset_at_the_head_resets_the_connection_before_any_byte() {
    docker.on("GET", "/version").reset();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("GET", "/version");
    assertThat(r.bytes()).isEmpty();
    assertThat(r.reset()).as(String.valueOf(r.failure())).isTrue();
  }

  @Test
  void a_truncate_at_the_head_closes_without_an_answer() {
    docker.on("GET", "/version").truncate();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("GET", "/version");
    assertThat(r.bytes()).isEmpty();
    assertThat(r.failure()).isNull();
  }

  @Test
  void a_delay_holds_the_answer_until_the_daemon_clock_passes_it() throws Exception {
    docker.on("GET", "/version").delay(Duration.ofSeconds(30));
    CompletableFuture<RawHttp.Received> r = CompletableFuture.supplyAsync(() -> new RawHttp(docker.uri()).receive("GET", "/version"));
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(30).minusNanos(1));
    // a delay even a nanosecond shorter would wake now and answer within milliseconds
    await("the answer held a nanosecond before the deadline").during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2)).until(() -> !r.isDone() && clock.sleepers() == 1);
    clock.advance(Duration.ofNanos(1));
    assertThat(r.get(10, TimeUnit.SECONDS).head()).startsWith("HTTP/1.1 200 OK");
    assertThat(docker.journal().requests()).singleElement()
        .satisfies(q -> assertThat(q.completedAt()).isEqualTo(T0.plusSeconds(30)));
  }

  @Test
  void a_stall_answers_nothing_until_released() throws Exception {
    FaultHandle stall = docker.on("GET", "/version").stall();
    CompletableFuture<RawHttp.Received> r = CompletableFuture.supplyAsync(() -> new RawHttp(docker.uri()).receive("GET", "/version"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stall.fired() == 1);
    assertThat(r).isNotDone();
    stall.release();
    assertThat(r.get(10, TimeUnit.SECONDS).head()).startsWith("HTTP/1.1 200 OK");
  }

  @Test
  void a_reset_after_100_body_bytes_delivers_exactly_100_then_an_rst() {
    docker.on("POST", "/images/create").afterBytes(100).reset();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
    assertThat(r.head()).startsWith("HTTP/1.1 200 OK");
    assertThat(r.body()).isEqualTo(FIRST_TWO.substring(0, 100));
    assertThat(r.reset()).as(String.valueOf(r.failure())).isTrue();
  }

  @Test
  void a_truncate_after_2_messages_ends_the_connection_after_exactly_those_messages() {
    docker.on("POST", "/images/create").afterMessages(2).truncate();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
    assertThat(r.body()).isEqualTo(FIRST_TWO);
    assertThat(r.rawBody()).doesNotEndWith("0\r\n\r\n");
    assertThat(r.failure()).isNull();
  }

  @Test
  void an_error_after_2_messages_ends_the_stream_properly_with_the_eras_error_message() throws Exception {
    docker.on("POST", "/images/create").afterMessages(2).error(500, "Internal server error");
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(docker.uri().resolve(PULL)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(FIRST_TWO + "{\"error\":\"Internal server error\"}");
  }

  @Test
  void a_malformed_chunk_breaks_a_chunked_pull_for_java_net_http() {
    docker.on("POST", "/images/create").afterMessages(1).malformedChunk();
    RawHttp.Received raw = new RawHttp(docker.uri()).receive("POST", PULL);
    assertThat(raw.rawBody()).endsWith("\r\nzz\r\nmalformed chunk\r\n");
    CompletableFuture<HttpResponse<String>> r = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(docker.uri().resolve(PULL)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(IOException.class);
  }

  @Test
  void a_throttle_of_50_kb_per_second_takes_bytes_over_50000_seconds_of_the_daemon_clock() {
    docker.on("POST", "/images/create").throttle(50_000);
    clock.runInstantly();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
    long bodyBytes = r.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length;
    assertThat(bodyBytes).isGreaterThan(1000);
    assertThat(Duration.between(T0, clock.now()))
        .isEqualTo(Duration.ofNanos(bodyBytes * 1_000_000_000L / 50_000));
  }

  @Test
  void a_reset_at_40_percent_of_layer_2_comes_after_the_progress_up_to_there() {
    docker.on("POST", "/images/create").atProgress(2, 0.4).reset();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
    assertThat(r.body()).endsWith("{\"status\":\"Pulling " + B + " fs layer\"}");
    assertThat(r.reset()).as(String.valueOf(r.failure())).isTrue();
  }

  @Test
  void an_error_at_40_percent_of_layer_2_is_the_pulls_in_stream_error() {
    docker.on("POST", "/images/create").atProgress(2, 0.4).error("unexpected EOF");
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
    assertThat(r.head()).startsWith("HTTP/1.1 200 OK");
    assertThat(r.body()).endsWith("{\"status\":\"Pulling " + B + " fs layer\"}"
        + "{\"status\":\"Downloading\",\"progress\":\"4.096 kB/10.24 kB (40%)\"}{}"
        + "{\"status\":\"Error while retrieving image for tag:  (unexpected EOF); checking next endpoint\"}"
        + "{\"error\":\"Could not find repository on any of the indexed registries.\"}");
  }
}
