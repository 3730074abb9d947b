package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

/** Scenario {@code attach-connection-reset}: attach streams are reset after 6 bytes of output. */
@MockDockerTest(scenarios = "attach-connection-reset")
class AttachConnectionResetTest {

  @Test
  void the_client_gets_the_head_and_six_bytes_then_a_reset(MockDockerRuntimeInfo info) throws Exception {
    Http http = new Http(info.uri());
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":[\"echo\",\"hello world\"]}");
    http.post("/v1.2/containers/" + id + "/start");
    assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":0}");
    RawHttp.Received attach = new RawHttp(info.uri())
        .receive("POST", "/v1.2/containers/" + id + "/attach?logs=1&stdout=1");
    assertThat(attach.text())
        .isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nhello ");
    assertThat(attach.failed()).isTrue();
  }
}
