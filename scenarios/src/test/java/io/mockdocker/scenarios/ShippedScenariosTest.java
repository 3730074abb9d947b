package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shipped scenario is documented and proven by a test class of this module. */
class ShippedScenariosTest {

  @Test
  void every_shipped_scenario_has_a_description_and_a_test() {
    List<String> names = Scenario.names();
    assertThat(names).isNotEmpty();
    for (String name : names) {
      Scenario scenario = Scenario.named(name);
      assertThat(scenario.name()).isEqualTo(name);
      assertThat(scenario.description()).as(name).isNotBlank();
      String testClass = toCamel(name) + "Test";
      assertThat(Files.exists(Path.of("src/test/java/io/mockdocker/scenarios/" + testClass + ".java")))
          .as("a test class " + testClass + " for scenario " + name).isTrue();
    }
  }

  static String toCamel(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }
}
