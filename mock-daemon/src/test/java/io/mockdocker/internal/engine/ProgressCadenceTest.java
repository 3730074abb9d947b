package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressCadenceTest {

  @Test
  void reads_of_4096_4096_2048_against_10240_update_only_on_the_second() {
    ProgressCadence cadence = new ProgressCadence(10240);

    assertThat(cadence.onRead(4096)).isFalse();
    assertThat(cadence.onRead(4096)).isTrue();
    assertThat(cadence.text()).isEqualTo("8.192 kB/10.24 kB (80%)");
    assertThat(cadence.onRead(2048)).isFalse();
    assertThat(cadence.read()).isEqualTo(10240);
    assertThat(cadence.text()).isEqualTo("10.24 kB/10.24 kB (100%)");
  }

  @Test
  void exactly_4096_bytes_since_the_last_update_is_not_enough() {
    ProgressCadence cadence = new ProgressCadence(0);

    assertThat(cadence.onRead(4096)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
    assertThat(cadence.onRead(4096)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
    assertThat(cadence.read()).isEqualTo(8194);
  }

  @Test
  void one_percent_of_a_large_total_truncated_replaces_4096() {
    ProgressCadence cadence = new ProgressCadence(1_234_567);

    assertThat(cadence.onRead(12345)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
    assertThat(cadence.onRead(12345)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
    assertThat(cadence.read()).isEqualTo(24692);
  }

  @Test
  void one_percent_just_above_4096_raises_the_threshold_by_one() {
    ProgressCadence cadence = new ProgressCadence(409_700);

    assertThat(cadence.onRead(4097)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
  }

  @Test
  void one_percent_below_4096_keeps_the_4096_threshold() {
    ProgressCadence cadence = new ProgressCadence(100_000);

    assertThat(cadence.onRead(32768)).isTrue();
    assertThat(cadence.onRead(32768)).isTrue();
    assertThat(cadence.onRead(32768)).isTrue();
    assertThat(cadence.onRead(1696)).isFalse();
    assertThat(cadence.text()).isEqualTo("100 kB/100 kB (100%)");
  }

  @Test
  void the_threshold_counts_from_the_last_update_not_from_zero() {
    ProgressCadence cadence = new ProgressCadence(-1);

    assertThat(cadence.onRead(5000)).isTrue();
    assertThat(cadence.onRead(4000)).isFalse();
    assertThat(cadence.onRead(96)).isFalse();
    assertThat(cadence.onRead(1)).isTrue();
    assertThat(cadence.read()).isEqualTo(9097);
  }

  @Test
  void text_with_an_unknown_total_shows_raw_bytes_and_no_percentage() {
    ProgressCadence unknown = new ProgressCadence(0);
    unknown.onRead(4097);
    ProgressCadence negative = new ProgressCadence(-1);
    negative.onRead(12);

    assertThat(unknown.text()).isEqualTo("4097/? (n/a)");
    assertThat(negative.text()).isEqualTo("12/? (n/a)");
  }

  @Test
  void text_before_any_read_is_zero_percent() {
    assertThat(new ProgressCadence(10240).text()).isEqualTo("0 B/10.24 kB (0%)");
    assertThat(new ProgressCadence(0).text()).isEqualTo("0/? (n/a)");
  }

  @Test
  void percentage_rounds_exact_halves_to_even_like_go() {
    assertThat(textAfter(1, 200)).isEqualTo("1 B/200 B (0%)");
    assertThat(textAfter(3, 200)).isEqualTo("3 B/200 B (2%)");
    assertThat(textAfter(5, 200)).isEqualTo("5 B/200 B (2%)");
    assertThat(textAfter(81, 200)).isEqualTo("81 B/200 B (40%)");
  }

  @Test
  void percentage_rounds_other_values_to_nearest() {
    assertThat(textAfter(1, 3)).isEqualTo("1 B/3 B (33%)");
    assertThat(textAfter(2, 3)).isEqualTo("2 B/3 B (67%)");
  }

  private static String textAfter(long read, long total) {
    ProgressCadence cadence = new ProgressCadence(total);
    cadence.onRead(read);
    return cadence.text();
  }
}
