package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.Test;

/** Scenario {@code create-fails-500}: create answers a plain-text 500. */
@MockDockerTest(scenarios = "create-fails-500")
class CreateFails500Test {

  @Test
  void create_answers_500_with_the_daemon_style_text(MockDockerRuntimeInfo info) {
    var create = new Http(info.uri()).post("/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":[\"true\"]}");
    assertThat(create.statusCode()).isEqualTo(500);
    assertThat(create.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(create.body()).isEqualTo("Cannot create container: no space left on device\n");
    assertThat(info.daemon().state().containers()).isEmpty();
  }
}
