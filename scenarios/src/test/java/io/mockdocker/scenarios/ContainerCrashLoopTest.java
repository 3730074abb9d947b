package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.VirtualClock;
import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Scenario {@code container-crash-loop}: busybox containers print, wait 2 s, fail with exit 1, every run. The clock
 * runs instantly, so each run's 2 s pass at once and show on the clock.
 */
@MockDockerTest(scenarios = "container-crash-loop", clock = MockDockerTest.Clock.INSTANT)
class ContainerCrashLoopTest {

  @Test
  void every_run_of_a_busybox_container_exits_1_with_its_error_in_the_logs(MockDockerRuntimeInfo info,
      VirtualClock clock) {
    Http http = new Http(info.uri());
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"/app\"]}");
    Instant before = clock.now();
    for (int run = 1; run <= 2; run++) {
      assertThat(http.post("/v1.2/containers/" + id + "/start").statusCode()).isEqualTo(204);
      assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":1}");
    }
    assertThat(Duration.between(before, clock.now())).isEqualTo(Duration.ofSeconds(4));
    assertThat(http.post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1&stderr=1").body())
        .isEqualTo("starting\nstarting\nfatal: crashed\nfatal: crashed\n");
    assertThat(http.get("/v1.2/containers/json?all=1").body()).contains("\"Status\":\"Exit 1\"");
  }
}
