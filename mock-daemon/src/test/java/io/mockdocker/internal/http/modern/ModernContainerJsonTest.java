package io.mockdocker.internal.http.modern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModernContainerJsonTest {
  @Test
  void exited_status_counts_from_the_exit() {
    assertThat(ModernContainerJson.human(Duration.ofSeconds(2))).isEqualTo("2 seconds");
    assertThat(ModernContainerJson.human(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(ModernContainerJson.human(Duration.ofMinutes(1))).isEqualTo("About a minute");
    assertThat(ModernContainerJson.human(Duration.ofHours(3))).isEqualTo("3 hours");
  }
}
