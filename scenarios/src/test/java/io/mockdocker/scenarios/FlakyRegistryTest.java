package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

/** Scenario {@code flaky-registry}: every 3rd pull is reset halfway through its first layer. */
@MockDockerTest(scenarios = "flaky-registry")
class FlakyRegistryTest {

  @Test
  void the_third_pull_is_cut_mid_layer_and_the_fourth_works(MockDockerRuntimeInfo info) throws Exception {
    RawHttp.Received first = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=busybox");
    RawHttp.Received second = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=ubuntu");
    assertThat(first.failed()).isFalse();
    assertThat(first.text()).endsWith("0\r\n\r\n").doesNotContain("error");
    assertThat(second.failed()).isFalse();

    RawHttp.Received third = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=mock/nodejs");
    assertThat(third.failed()).isTrue();
    assertThat(third.text()).startsWith("HTTP/1.1 200 OK\r\n").contains("fs layer").contains("\"Downloading\"")
        .doesNotContain("(100%)").doesNotContain("0\r\n\r\n");
    assertThat(info.daemon().journal().requests().get(2).faults()).hasSize(1);

    // the cut pull goes on inside the daemon for a moment (as v0.4.4's did): until it ends, a new pull of the same
    // name is refused with "pull is already in progress"
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      RawHttp.Received fourth = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=mock/nodejs");
      assertThat(fourth.failed()).isFalse();
      assertThat(fourth.text()).contains("(100%)").endsWith("0\r\n\r\n");
    });
  }
}
