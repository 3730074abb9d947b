package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import org.junit.jupiter.api.Test;

/** Scenario {@code disk-full-during-pull}: every layer fails at 60% with "no space left on device". */
@MockDockerTest(scenarios = "disk-full-during-pull")
class DiskFullDuringPullTest {

  @Test
  void the_pull_reports_the_error_inside_its_200_stream(MockDockerRuntimeInfo info) {
    var pull = new Http(info.uri()).post("/v1.2/images/create?fromImage=busybox");
    assertThat(pull.statusCode()).isEqualTo(200);
    assertThat(pull.body())
        .contains("{\"status\":\"Downloading\",\"progress\":")
        .contains("no space left on device); checking next endpoint\"}")
        .endsWith("{\"error\":\"Could not find repository on any of the indexed registries.\"}");
    assertThat(info.daemon().state().image("busybox")).isEmpty();
  }
}
