package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @MockDockerTest(clock = …)}: which clock the daemon runs on, and the {@code VirtualClock} a test can move. */
class ClockOptionTest {
  static final Pattern ID = Pattern.compile("\"Id\":\"([0-9a-f]+)\"");

  /** Creates and starts a container on {@code base} whose process sleeps {@code seconds}, then prints done. */
  static String startSleeper(Http http, int seconds) {
    HttpResponse<String> created = http.post("/v1.2/containers/create",
        "{\"Image\":\"base\",\"Cmd\":[\"/bin/sh\",\"-c\",\"sleep " + seconds + "; echo done\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher id = ID.matcher(created.body());
    assertThat(id.find()).as(created.body()).isTrue();
    assertThat(http.post("/v1.2/containers/" + id.group(1) + "/start").statusCode()).isEqualTo(204);
    return id.group(1);
  }

  @Nested
  @MockDockerTest(clock = MockDockerTest.Clock.VIRTUAL)
  class Virtual {
    @Test
    void a_sleeping_process_waits_until_the_test_advances_the_clock(MockDocker docker, VirtualClock clock)
        throws Exception {
      assertThat(docker.clock()).isSameAs(clock);
      assertThat(clock.now()).isEqualTo(Instant.parse("2013-07-01T00:00:00Z"));
      Http http = new Http(docker.uri());
      String id = startSleeper(http, 60);
      CompletableFuture<HttpResponse<String>> waited =
          CompletableFuture.supplyAsync(() -> http.post("/v1.2/containers/" + id + "/wait"));

      clock.awaitSleepers(1, Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(59));
      await("the process sleeps its full 60 s").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> !waited.isDone());
      clock.advance(Duration.ofSeconds(1));

      assertThat(waited.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"StatusCode\":0}");
      assertThat(http.post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1").body()).isEqualTo("done\n");
    }
  }

  @Nested
  @MockDockerTest(clock = MockDockerTest.Clock.INSTANT)
  class Instantly {
    @InjectDocker VirtualClock clock;

    @Test
    void a_sleeping_process_finishes_at_once_and_the_clock_shows_the_time_it_slept(MockDocker docker) {
      Http http = new Http(docker.uri());
      String id = startSleeper(http, 3600);
      assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":0}");
      assertThat(clock.now()).isAfterOrEqualTo(Instant.parse("2013-07-01T01:00:00Z"));
    }
  }

  @Test
  void a_virtual_clock_is_not_injected_where_the_daemon_runs_on_real_time() {
    Launch launch = Launch.run(Map.of(), SystemClockCase.class);
    assertThat(launch.failed()).hasSize(1);
    assertThat(launch.failed().get(0).failure().orElseThrow()).rootCause()
        .hasMessageStartingWith("a VirtualClock is injected only where the daemon runs on one");
  }

  @MockDockerTest
  static class SystemClockCase {
    @Test
    void asks_for_a_virtual_clock(VirtualClock clock) {}
  }
}
