package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's duration texts, as health check timeouts and HEALTHCHECK flags use them. */
class GoDurationsTest {
  @Test
  void format_as_go_prints_durations() {
    assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDurations.format(Duration.ofNanos(10))).isEqualTo("10ns");
    assertThat(GoDurations.format(Duration.ofNanos(1500))).isEqualTo("1.5µs");
    assertThat(GoDurations.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDurations.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(GoDurations.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(GoDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDurations.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDurations.format(Duration.ofMillis(3_723_500))).isEqualTo("1h2m3.5s");
  }

  @Test
  void parse_as_go_reads_durations_and_its_errors() {
    assertThat(GoDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDurations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoDurations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDurations.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDurations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> GoDurations.parse("5")).hasMessage("time: missing unit in duration \"5\"");
    assertThatThrownBy(() -> GoDurations.parse("5S")).hasMessage("time: unknown unit \"S\" in duration \"5S\"");
    assertThatThrownBy(() -> GoDurations.parse("abc")).hasMessage("time: invalid duration \"abc\"");
    assertThatThrownBy(() -> GoDurations.parse("")).hasMessage("time: invalid duration \"\"");
  }
}
