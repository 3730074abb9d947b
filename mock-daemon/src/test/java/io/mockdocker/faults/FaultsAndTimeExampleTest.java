package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.RecordedRequest;
import io.mockdocker.VirtualClock;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/faults-and-time.md (an excerpt of this test): it sets up a transfer script, five faults and a
 * virtual clock, then fires each one and checks what a client sees.
 */
class FaultsAndTimeExampleTest {
  static final String ATTACH_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";

  @Test
  void each_fault_of_the_example_fires_and_the_clock_moves_as_the_comments_say() throws Exception {
    VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
    try (MockDocker docker = MockDocker.builder().clock(clock).start()) {
      // Streamed progress: the first layer of a busybox pull is 50 MB at 100 kB/s and fails at 40%.
      docker.script(TransferMatch.pull("busybox").layer(1),
          TransferScript.builder().size(50_000_000).bytesPerSecond(100_000)
              .at(0.4, Effect.error("unexpected EOF")).build());

      // Faults: which exchange, when in it, what happens.
      FaultHandle flaky = docker.on("POST", "/images/create").nth(2).reset();
      docker.on(Match.pull("ubuntu")).atProgress(1, 0.5).error("unexpected EOF");
      docker.on("GET", "/containers/*/json").delay(Duration.ofSeconds(5));
      docker.on("POST", "/containers/*/attach").afterBytes(100).closeAttachEarly();
      FaultHandle stall = docker.fault(
          Fault.when(Match.request("POST", "/containers/*/wait")).then(Effect.stall()));
      // ...
      RawHttp http = new RawHttp(docker.uri());

      // The first pull (of ubuntu) fails at 50% of its layer: the era's error inside a 200.
      RawHttp.Received ubuntu = new RawHttp(docker.uri()).receive("POST", "/v1.2/images/create?fromImage=ubuntu");
      assertThat(ubuntu.head()).startsWith("HTTP/1.1 200 OK");
      assertThat(ubuntu.body()).contains("(50%)")
          .contains("{\"status\":\"Error while retrieving image for tag:  (unexpected EOF); checking next endpoint\"}")
          .endsWith("{\"error\":\"Could not find repository on any of the indexed registries.\"}");

      // The second pull is reset before any byte.
      RawHttp.Received second = new RawHttp(docker.uri()).receive("POST", "/v1.2/images/create?fromImage=ubuntu");
      assertThat(second.bytes()).isEmpty();
      assertThat(second.reset()).as(String.valueOf(second.failure())).isTrue();

      // An attach stops after 100 bytes of output, with a FIN.
      String line = "x".repeat(150);
      String echo = create(http, "[\"echo\",\"" + line + "\"]");
      http.post("/v1.2/containers/" + echo + "/start");
      docker.await().exited(echo, 0);
      RawHttp.Received attach = new RawHttp(docker.uri()).receive("POST", "/v1.2/containers/" + echo + "/attach?logs=1&stdout=1");
      assertThat(attach.text()).isEqualTo(ATTACH_HEAD + line.substring(0, 100));
      assertThat(attach.failure()).isNull();

      // A wait answers nothing while the stall is in place.
      CompletableFuture<RawHttp.Received> wait =
          CompletableFuture.supplyAsync(() -> new RawHttp(docker.uri()).receive("POST", "/v1.2/containers/" + echo + "/wait"));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stall.fired() == 1);

      // An inspect is held 5 s of the daemon's clock; a container sleeps 1000 s of it.
      String sleeper = create(http, "[\"sleep\",\"1000\"]");
      http.post("/v1.2/containers/" + sleeper + "/start");
      CompletableFuture<RawHttp.Received> inspect =
          CompletableFuture.supplyAsync(() -> new RawHttp(docker.uri()).receive("GET", "/v1.2/containers/" + sleeper + "/json"));
      clock.awaitSleepers(2, Duration.ofSeconds(10));
      assertThat(inspect).isNotDone();
      // ...
      // Time: advance it, run it fast, or let each sleep jump to its deadline.
      clock.advance(Duration.ofMinutes(10));        // "Up 10 minutes"
      // ...
      assertThat(inspect.get(10, TimeUnit.SECONDS).head()).startsWith("HTTP/1.1 200 OK");
      assertThat(http.get("/v1.2/containers/json").text()).contains("\"Status\":\"Up 10 minutes\"");
      assertThat(wait).isNotDone();
      http.post("/v1.2/containers/" + sleeper + "/kill");
      docker.await().exited(sleeper);
      Instant beforePull = clock.now();

      clock.runInstantly();                          // a paced pull finishes at once; the clock shows its length
      // ...
      RawHttp.Received busybox = new RawHttp(docker.uri()).receive("POST", "/v1.2/images/create?fromImage=busybox");
      assertThat(busybox.head()).startsWith("HTTP/1.1 200 OK");
      assertThat(busybox.body()).contains("(40%)").endsWith("\"}");
      assertThat(Duration.between(beforePull, clock.now())).isEqualTo(Duration.ofSeconds(200));

      // Later: what fired, and cleaning up.
      List<RecordedRequest> requests = docker.journal().requests();
      requests.forEach(System.out::println);        // "… 0 2ms [faults: reset(at=head of POST /images/create #2)]"
      stall.release();
      flaky.remove();
      // ...
      assertThat(requests).filteredOn(r -> r.faults().toString().contains("reset(")).singleElement()
          .satisfies(r -> assertThat(r.status()).isZero())
          .satisfies(r -> assertThat(r.faults()).containsExactly("reset(at=head of POST /images/create #2)"));
      assertThat(wait.get(10, TimeUnit.SECONDS).rawBody()).contains("{\"StatusCode\":0}");
      assertThat(flaky.fired()).isEqualTo(1);
      assertThat(docker.faults().active()).hasSize(4).allSatisfy(h -> assertThat(h.fired()).isEqualTo(1));
    }
  }

  static String create(RawHttp http, String cmd) {
    return Json.create(http, "/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":" + cmd + "}");
  }

}
