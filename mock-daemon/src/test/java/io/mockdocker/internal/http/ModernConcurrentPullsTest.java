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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
}
