package io.mockdocker.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

/** Scenario files carry faults and transfer scripts to the daemon. */
class ScenarioFaultsTest {

  @Test
  void a_scenario_fault_is_installed_by_the_builder_and_fires() {
    Scenario scenario = Scenario.named("create-fails-500");
    assertThat(scenario.faults()).hasSize(1);
    try (MockDocker docker = MockDocker.builder().scenario(scenario).start()) {
      assertThat(docker.faults().active()).hasSize(1);
      RawHttp.Response r = new RawHttp(docker.uri()).post("/v1.2/containers/create", "application/json",
          "{\"Image\":\"base\",\"Cmd\":[\"true\"]}");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).isEqualTo("Cannot create container: no space left on device\n");
    }
  }
}
