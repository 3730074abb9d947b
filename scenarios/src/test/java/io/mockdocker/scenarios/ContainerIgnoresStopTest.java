package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario {@code container-ignores-stop}: TERM is ignored, so stop has to kill (exit 137) after its timeout, which
 * runs on the daemon's virtual clock: the test moves it.
 */
@MockDockerTest(scenarios = "container-ignores-stop", clock = MockDockerTest.Clock.VIRTUAL)
class ContainerIgnoresStopTest {

  @Test
  void stop_kills_after_its_timeout_and_the_container_reports_137(MockDockerRuntimeInfo info, VirtualClock clock)
      throws Exception {
    Http http = new Http(info.uri());
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"/server\"]}");
    http.post("/v1.2/containers/" + id + "/start");
    assertThat(http.get("/v1.2/containers/json").body()).contains("\"Status\":\"Up ");

    CompletableFuture<HttpResponse<String>> stop =
        CompletableFuture.supplyAsync(() -> http.post("/v1.2/containers/" + id + "/stop?t=10"));
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    await("stop holds until its 10 s have passed").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> !stop.isDone());
    clock.advance(Duration.ofSeconds(1));

    assertThat(stop.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":137}");
  }
}
