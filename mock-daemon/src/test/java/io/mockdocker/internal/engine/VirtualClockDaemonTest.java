package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted delays, simulated sleep, stop timeouts and statuses follow a virtual clock. */
class VirtualClockDaemonTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2013-07-01T00:00:00Z");
  static final String IMG = Fixed.id('c');
  static final Duration WAIT = Duration.ofSeconds(10);

  VirtualClock clock = VirtualClock.at(T0);
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.none()).clock(clock).start();
    docker.registry().image(RemoteImage.builder(IMG).file("/etc/hostname", "img\n").build()).tag("img", "latest", IMG);
    docker.preload("img");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    // wakes what a failed test left sleeping on the clock: close() would wait for it for ever
    clock.advance(Duration.ofDays(1));
    docker.close();
  }

  String run(String json) throws Exception {
    Response r = http.post("/v1.2/containers/create", "application/json", json);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    String id = JSON.readTree(r.body()).get("Id").asText();
    assertThat(http.post("/containers/" + id + "/start").status()).isEqualTo(204);
    return id;
  }

  CompletableFuture<Response> async(String path) {
    return CompletableFuture.supplyAsync(() -> http.post(path));
  }

  /**
   * Checks that {@code condition} stays true for 300 ms of wall time: what a clock advance released would end within
   * milliseconds.
   */
  static void holds(String what, Callable<Boolean> condition) {
    await(what).during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(condition);
  }

  @Test
  void status_says_up_10_minutes_after_advancing_10_minutes() throws Exception {
    ScriptHandle server = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    run("{\"Image\":\"img\",\"Cmd\":[\"serve\"]}");
    clock.advance(Duration.ofMinutes(10));
    JsonNode list = JSON.readTree(http.get("/v1.2/containers/json").body());
    assertThat(list.get(0).get("Status").asText()).isEqualTo("Up 10 minutes");
    server.exit(0);
  }

  @Test
  void a_scripted_sleep_ends_when_the_clock_passes_it() throws Exception {
    docker.script(ProcessMatch.any(),
        ProcessScript.builder().stdout("a\n").sleep(Duration.ofSeconds(60)).exit(3).build());
    String id = run("{\"Image\":\"img\",\"Cmd\":[\"job\"]}");
    CompletableFuture<Response> waited = async("/containers/" + id + "/wait");
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofSeconds(60).minusNanos(1));
    holds("the process sleeping a nanosecond before its end",
        () -> Engines.of(docker).containers().inspect(id).state().running() && !waited.isDone());
    clock.advance(Duration.ofNanos(1));
    assertThat(waited.get(10, TimeUnit.SECONDS).text()).isEqualTo("{\"StatusCode\":3}");
  }

  @Test
  void the_shell_sleep_follows_the_clock() throws Exception {
    String id = run("{\"Image\":\"img\",\"Cmd\":[\"sleep\",\"30\"]}");
    CompletableFuture<Response> waited = async("/containers/" + id + "/wait");
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofSeconds(30));
    assertThat(waited.get(10, TimeUnit.SECONDS).text()).isEqualTo("{\"StatusCode\":0}");
  }

  @Test
  void stop_kills_a_process_ignoring_term_when_the_clock_passes_t() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().ignoreSigterm().build());
    String id = run("{\"Image\":\"img\",\"Cmd\":[\"stubborn\"]}");
    CompletableFuture<Response> stopped = async("/containers/" + id + "/stop?t=30");
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofSeconds(30).minusNanos(1));
    holds("the stop waiting a nanosecond before t", () -> !stopped.isDone());
    clock.advance(Duration.ofNanos(1));
    assertThat(stopped.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":137}");
  }

  /** How little wall time such a pull takes is B5VirtualPullBenchmark's measure (benchmarks/RESULTS.md), not a test's. */
  @Test
  void a_scripted_10_minute_pull_on_an_instant_clock_completes_and_the_clock_shows_10_minutes() {
    String layer = Fixed.id('d');
    docker.registry().image(Fixed.image(layer, "", 10240, "./big", "x\n")).tag("slow", "latest", layer);
    docker.script(TransferMatch.pull("slow"),
        TransferScript.builder().size(600_000).bytesPerSecond(1000).build());
    clock.runInstantly();
    Response r = http.post("/v1.2/images/create?fromImage=slow");
    assertThat(r.text()).endsWith("{\"status\":\"Downloading\",\"progress\":\"600 kB/600 kB (100%)\"}{}");
    assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
  }
}
