package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.faults.Effect;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.Tars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent pulls of one reference: on the modern view each joins the pull in progress and succeeds (docker 28
 * shared the download); the era's daemon refused the second one as already in progress.
 */
class ModernConcurrentPullsTest {
  static final String MODERN = "/v1.50/images/create?fromImage=busybox&tag=latest";

  @Test
  void concurrent_modern_pulls_of_one_reference_all_succeed_while_the_era_still_refuses_a_second() throws Exception {
    VirtualClock clock = VirtualClock.at(Instant.parse("2025-06-01T00:00:00Z"));
    // each pull's download stops halfway for a minute of the daemon's clock, so the pulls overlap
    TransferScript halfway = TransferScript.builder().at(0.5, Effect.delay(Duration.ofMinutes(1))).build();
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.all()).clock(clock)
        .script(TransferMatch.pull("busybox"), halfway).start()) {
      RawHttp http = new RawHttp(docker.uri());
      ExecutorService pool = Executors.newFixedThreadPool(40);
      try {
        List<Future<RawHttp.Response>> pulls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          pulls.add(pool.submit(() -> http.post(MODERN)));
        }
        // the era's first pull holds its slot from its first line (then stops at the delay); a second is refused
        RawHttp.Hijacked eraFirst = http.hijack("POST", "/v1.2/images/create?fromImage=busybox", "", "");
        assertThat(eraFirst.head).startsWith("HTTP/1.1 200 OK");
        RawHttp.Response refused = http.post("/v1.2/images/create?fromImage=busybox");
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.text()).isEqualTo("busybox: pull is already in progress\n");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
          clock.advance(Duration.ofMinutes(1));
          return pulls.stream().allMatch(Future::isDone);
        });
        for (Future<RawHttp.Response> pull : pulls) {
          RawHttp.Response r = pull.get();
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.text()).doesNotContain("error")
              .matches("(?s).*\\{\"status\":\"Status: (Downloaded newer image|Image is up to date) for "
                  + "busybox:latest\"}\r\n");
        }
        eraFirst.close();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void a_modern_builds_from_joins_a_pull_of_its_image_in_progress_instead_of_refusing() throws Exception {
    VirtualClock clock = VirtualClock.at(Instant.parse("2025-06-01T00:00:00Z"));
    TransferScript halfway = TransferScript.builder().at(0.5, Effect.delay(Duration.ofMinutes(1))).build();
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .clock(clock).script(TransferMatch.pull("busybox"), halfway).start()) {
      RawHttp http = new RawHttp(docker.uri());
      // the pull holds busybox:latest's slot from its first line, then stops halfway for a minute of the clock
      try (RawHttp.Hijacked pull = http.hijack("POST", MODERN, "", "")) {
        assertThat(pull.head).startsWith("HTTP/1.1 200 OK");
        byte[] context = Tars.plain().file("Dockerfile", "FROM busybox\nCMD [\"true\"]\n").bytes();
        CompletableFuture<RawHttp.Response> build = CompletableFuture.supplyAsync(
            () -> new RawHttp(docker.uri()).post("/v1.50/build?t=joined", "application/x-tar", context));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
          clock.advance(Duration.ofMinutes(1));
          return build.isDone();
        });
        RawHttp.Response r = build.get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("already in progress").doesNotContain("errorDetail")
            .contains("Step 1/2 : FROM busybox")
            .contains("Successfully tagged joined:latest");
        assertThat(readUntil(pull, "Status: ")).contains("Status: Downloaded newer image for busybox:latest");
      }
    }
  }

  /** What the hijacked response sends until {@code marker} and the end of its line (the connection stays open). */
  private static String readUntil(RawHttp.Hijacked response, String marker) throws java.io.IOException {
    java.io.InputStream in = response.socket.getInputStream();
    StringBuilder text = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      text.append((char) b);
      int at = text.indexOf(marker);
      if (at >= 0 && text.indexOf("\n", at) > 0) {
        break;
      }
    }
    return text.toString();
  }
}
