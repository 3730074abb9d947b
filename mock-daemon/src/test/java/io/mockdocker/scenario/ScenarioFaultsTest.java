package io.mockdocker.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.MockDocker;
import io.mockdocker.faults.Effect;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
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

  @Test
  void transfer_events_in_the_first_form_load_as_faults_at_a_fraction_with_an_effect() {
    Scenario first = Scenario.fromJson("{\"transfers\": [{\"match\": {\"kind\": \"pull\"}, \"events\": ["
        + "{\"pause\": 0.1, \"duration\": \"PT10S\"}, {\"stop\": 0.9}, {\"fail\": 0.4, \"message\": \"boom\"},"
        + " {\"drop\": 0.5}]}]}");
    Scenario current = Scenario.fromJson("{\"transfers\": [{\"match\": {\"kind\": \"pull\"}, \"events\": ["
        + "{\"at\": 0.1, \"effect\": {\"type\": \"delay\", \"min\": \"PT10S\"}},"
        + " {\"at\": 0.9, \"effect\": {\"type\": \"stall\"}},"
        + " {\"at\": 0.4, \"effect\": {\"type\": \"error\", \"status\": 500, \"message\": \"boom\"}},"
        + " {\"at\": 0.5, \"effect\": {\"type\": \"reset\"}}]}]}");
    TransferScript built = TransferScript.builder().at(0.1, Effect.delay(Duration.ofSeconds(10)))
        .at(0.9, Effect.stall()).at(0.4, Effect.error(500, "boom")).at(0.5, Effect.reset()).build();
    assertThat(first.transfers().get(0).script()).isEqualTo(built);
    assertThat(current.transfers().get(0).script()).isEqualTo(built);
    assertThat(built).hasToString("TransferScript{size=as is, chunk=32768, speed=unlimited, events=[delay(10000ms) "
        + "at 10%, error(500, boom) at 40%, reset at 50%, stall at 90%]}");
  }

  @Test
  void a_transfer_takes_only_the_effects_a_transfer_can_have() {
    assertThatThrownBy(() -> TransferScript.builder().at(0.5, Effect.throttle(1024)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a transfer takes a fixed delay, a stall, an error or a reset: throttle(1024 B/s)");
  }
}
