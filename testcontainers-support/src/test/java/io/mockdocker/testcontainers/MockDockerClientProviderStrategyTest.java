package io.mockdocker.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * The strategy as Testcontainers finds and ranks it (without starting Testcontainers: its client is per JVM), and the
 * rules of the daemon it hands out. The examples module runs real Testcontainers through it.
 */
class MockDockerClientProviderStrategyTest {

  @Test
  void service_loader_finds_it_and_it_outranks_and_never_persists() {
    MockDockerClientProviderStrategy strategy = ServiceLoader.load(DockerClientProviderStrategy.class).stream()
        .map(ServiceLoader.Provider::get).filter(MockDockerClientProviderStrategy.class::isInstance)
        .map(MockDockerClientProviderStrategy.class::cast).findFirst().orElseThrow();
    assertThat(strategy.getPriority()).isGreaterThan(100); // Testcontainers' highest, the environment's
    assertThat(strategy.isPersistable()).isFalse();
    assertThat(strategy.isApplicable()).isTrue();
    assertThat(strategy.allowUserOverrides()).isFalse();
    assertThat(strategy.getRemoteDockerUnixSocketPath()).isEqualTo("/var/run/docker.sock");
  }

  @Test
  void an_era_daemon_is_refused_and_once_handed_out_the_daemon_stays() {
    try (MockDocker era = MockDocker.builder().start();
        MockDocker other = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      assertThatThrownBy(() -> MockDockerTestcontainers.use(era)).isInstanceOf(IllegalStateException.class)
          .hasMessage("Testcontainers speaks API 1.44 and later: start the daemon with ApiProfile.modern() or "
              + "ApiProfile.all(), not era");
      MockDocker given = MockDockerTestcontainers.daemon();
      assertThat(given.profile()).isEqualTo(ApiProfile.modern());
      assertThat(new MockDockerClientProviderStrategy().getTransportConfig().getDockerHost().toString())
          .isEqualTo(given.dockerHost());
      assertThatThrownBy(() -> MockDockerTestcontainers.use(other)).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Testcontainers already uses " + given);
      MockDockerTestcontainers.use(given); // the same one again is fine
    }
  }
}
