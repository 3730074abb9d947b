package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scenario {@code wait-stalls}: wait never answers, until released. */
@MockDockerTest(scenarios = "wait-stalls")
class WaitStallsTest {

  @Test
  void a_client_with_a_timeout_gives_up_and_a_release_lets_the_next_wait_answer(MockDockerRuntimeInfo info) {
    Http http = new Http(info.uri());
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":[\"true\"]}");
    http.post("/v1.2/containers/" + id + "/start");
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest wait = HttpRequest.newBuilder(URI.create(info.url() + "/v1.2/containers/" + id + "/wait"))
        .timeout(Duration.ofMillis(500)).POST(HttpRequest.BodyPublishers.noBody()).build();
    assertThatThrownBy(() -> client.send(wait, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(http.get("/v1.2/version").statusCode()).isEqualTo(200);
    info.daemon().faults().active().forEach(handle -> handle.remove());
    assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":0}");
  }
}
