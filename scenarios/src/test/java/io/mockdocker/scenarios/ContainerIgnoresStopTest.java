package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import org.junit.jupiter.api.Test;

/** Scenario {@code container-ignores-stop}: TERM is ignored, so stop has to kill (exit 137). */
@MockDockerTest(scenarios = "container-ignores-stop")
class ContainerIgnoresStopTest {

  @Test
  void stop_kills_after_its_timeout_and_the_container_reports_137(MockDockerRuntimeInfo info) {
    Http http = new Http(info.uri());
    http.post("/v1.2/images/create?fromImage=busybox");
    String id = Http.id(http.post("/v1.2/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"/server\"]}"));
    http.post("/v1.2/containers/" + id + "/start");
    assertThat(http.get("/v1.2/containers/json").body()).contains("\"Status\":\"Up ");
    assertThat(http.post("/v1.2/containers/" + id + "/stop?t=1").statusCode()).isEqualTo(204);
    assertThat(http.post("/v1.2/containers/" + id + "/wait").body()).isEqualTo("{\"StatusCode\":137}");
  }
}
