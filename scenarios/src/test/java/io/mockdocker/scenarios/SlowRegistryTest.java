package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.junit.MockDockerExtension;
import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario {@code slow-registry}: layers arrive at 50 KB/s on the daemon's (here virtual) clock. */
class SlowRegistryTest {
  static final VirtualClock CLOCK = VirtualClock.at(Instant.parse("2013-06-20T12:00:00Z"));

  @RegisterExtension
  static MockDockerExtension docker = MockDockerExtension.newInstance()
      .daemon(MockDocker.builder().clock(CLOCK).scenario(Scenario.named("slow-registry")))
      .build();

  @Test
  void a_busybox_pull_takes_its_size_over_50_kb_per_second_of_daemon_time(MockDockerRuntimeInfo info)
      throws Exception {
    CLOCK.runInstantly();
    String busybox = "e9aa60c60128cad19d75f0d7c398df565d7ac04c6819b62d6d8f9560f5eb4672";
    long layer = info.daemon().registry().findImage(busybox).orElseThrow().layerSize();
    Instant before = CLOCK.now();
    RawHttp.Received pull = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=busybox");
    Duration took = Duration.between(before, CLOCK.now());
    assertThat(pull.text()).contains("(100%)");
    assertThat(took.toMillis()).isEqualTo(layer * 1000 / 51200);
  }
}
