package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {

  @Test
  void size_of_512_bytes_is_512_B() {
    assertThat(HumanUnits.size(512)).isEqualTo("512 B");
  }

  @Test
  void size_of_4096_bytes_is_4_point_096_kB() {
    assertThat(HumanUnits.size(4096)).isEqualTo("4.096 kB");
  }

  @Test
  void size_of_10240_bytes_is_10_point_24_kB() {
    assertThat(HumanUnits.size(10240)).isEqualTo("10.24 kB");
  }

  @Test
  void size_of_a_million_bytes_is_1_MB_without_trailing_zeros() {
    assertThat(HumanUnits.size(1_000_000)).isEqualTo("1 MB");
  }

  @Test
  void size_rounds_to_four_significant_digits() {
    assertThat(HumanUnits.size(1_234_567)).isEqualTo("1.235 MB");
    assertThat(HumanUnits.size(123_456_789)).isEqualTo("123.5 MB");
    assertThat(HumanUnits.size(999_949)).isEqualTo("999.9 kB");
  }

  @Test
  void size_of_zero_is_0_B() {
    assertThat(HumanUnits.size(0)).isEqualTo("0 B");
  }

  @Test
  void size_stays_in_bytes_below_1000_and_switches_unit_at_1000() {
    assertThat(HumanUnits.size(999)).isEqualTo("999 B");
    assertThat(HumanUnits.size(1000)).isEqualTo("1 kB");
    assertThat(HumanUnits.size(1500)).isEqualTo("1.5 kB");
  }

  @Test
  void size_of_100000_bytes_is_100_kB_in_fixed_notation() {
    assertThat(HumanUnits.size(100_000)).isEqualTo("100 kB");
  }

  @Test
  void size_just_below_the_next_unit_rounds_up_to_1000_of_the_smaller_unit() {
    assertThat(HumanUnits.size(999_950)).isEqualTo("1000 kB");
    assertThat(HumanUnits.size(999_999_999_999L)).isEqualTo("1000 GB");
  }

  @Test
  void size_of_the_largest_long_is_in_exabytes() {
    assertThat(HumanUnits.size(Long.MAX_VALUE)).isEqualTo("9.223 EB");
  }

  @Test
  void negative_sizes_are_not_divided_and_may_use_exponent_form() {
    assertThat(HumanUnits.size(-5000)).isEqualTo("-5000 B");
    assertThat(HumanUnits.size(-50000)).isEqualTo("-5e+04 B");
  }

  @Test
  void format_g_with_precision_4_uses_exponent_form_when_the_exponent_reaches_the_precision() {
    assertThat(HumanUnits.formatG(9999.9, 4)).isEqualTo("1e+04");
    assertThat(HumanUnits.formatG(123456.0, 4)).isEqualTo("1.235e+05");
    assertThat(HumanUnits.formatG(999.95, 4)).isEqualTo("1000");
  }

  @Test
  void format_g_uses_exponent_form_below_ten_to_the_minus_four() {
    assertThat(HumanUnits.formatG(0.0001234, 4)).isEqualTo("0.0001234");
    assertThat(HumanUnits.formatG(0.00001234, 4)).isEqualTo("1.234e-05");
    assertThat(HumanUnits.formatG(1e-7, 4)).isEqualTo("1e-07");
  }

  @Test
  void format_g_of_zero_is_0() {
    assertThat(HumanUnits.formatG(0.0, 4)).isEqualTo("0");
    assertThat(HumanUnits.formatG(0.0, -1)).isEqualTo("0");
  }

  @Test
  void shortest_format_g_prints_the_shortest_round_trip_digits_with_exponent_from_1e21_and_1e6() {
    assertThat(HumanUnits.formatG(0.1 + 0.2, -1)).isEqualTo("0.30000000000000004");
    assertThat(HumanUnits.formatG(2.0, -1)).isEqualTo("2");
    assertThat(HumanUnits.formatG(123456.0, -1)).isEqualTo("123456");
    assertThat(HumanUnits.formatG(1234567.0, -1)).isEqualTo("1.234567e+06");
    assertThat(HumanUnits.formatG(1e21, -1)).isEqualTo("1e+21");
  }

  @Test
  void duration_under_a_second_is_less_than_a_second() {
    assertThat(HumanUnits.duration(Duration.ZERO)).isEqualTo("Less than a second");
    assertThat(HumanUnits.duration(Duration.ofMillis(999))).isEqualTo("Less than a second");
    assertThat(HumanUnits.duration(Duration.ofSeconds(-5))).isEqualTo("Less than a second");
  }

  @Test
  void duration_under_a_minute_counts_seconds_even_for_one() {
    assertThat(HumanUnits.duration(Duration.ofSeconds(1))).isEqualTo("1 seconds");
    assertThat(HumanUnits.duration(Duration.ofSeconds(59))).isEqualTo("59 seconds");
  }

  @Test
  void duration_of_one_whole_minute_is_about_a_minute() {
    assertThat(HumanUnits.duration(Duration.ofSeconds(60))).isEqualTo("About a minute");
    assertThat(HumanUnits.duration(Duration.ofSeconds(119))).isEqualTo("About a minute");
  }

  @Test
  void duration_under_an_hour_counts_truncated_minutes() {
    assertThat(HumanUnits.duration(Duration.ofMinutes(2))).isEqualTo("2 minutes");
    assertThat(HumanUnits.duration(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59 minutes");
  }

  @Test
  void duration_of_one_whole_hour_is_about_an_hour() {
    assertThat(HumanUnits.duration(Duration.ofHours(1))).isEqualTo("About an hour");
    assertThat(HumanUnits.duration(Duration.ofMinutes(119))).isEqualTo("About an hour");
  }

  @Test
  void duration_under_48_hours_counts_hours() {
    assertThat(HumanUnits.duration(Duration.ofHours(2))).isEqualTo("2 hours");
    assertThat(HumanUnits.duration(Duration.ofHours(47))).isEqualTo("47 hours");
  }

  @Test
  void duration_under_two_weeks_counts_days() {
    assertThat(HumanUnits.duration(Duration.ofHours(48))).isEqualTo("2 days");
    assertThat(HumanUnits.duration(Duration.ofHours(335))).isEqualTo("13 days");
  }

  @Test
  void duration_under_90_days_counts_weeks() {
    assertThat(HumanUnits.duration(Duration.ofHours(336))).isEqualTo("2 weeks");
    assertThat(HumanUnits.duration(Duration.ofHours(2159))).isEqualTo("12 weeks");
  }

  @Test
  void duration_under_two_years_counts_thirty_day_months() {
    assertThat(HumanUnits.duration(Duration.ofHours(2160))).isEqualTo("3 months");
    assertThat(HumanUnits.duration(Duration.ofHours(17519))).isEqualTo("24 months");
  }

  @Test
  void duration_of_two_years_or_more_prints_go_bad_verb_text_for_a_float() {
    assertThat(HumanUnits.duration(Duration.ofHours(17520))).isEqualTo("%!d(float64=2) years");
    assertThat(HumanUnits.duration(Duration.ofHours(17544)))
        .isEqualTo("%!d(float64=2.0027397260273974) years");
    assertThat(HumanUnits.duration(Duration.ofDays(365 * 3))).isEqualTo("%!d(float64=3) years");
  }

  @Test
  void duration_a_nanosecond_short_of_two_years_rounds_up_in_float_hours_like_go() {
    assertThat(HumanUnits.duration(Duration.ofHours(17520).minusNanos(1))).isEqualTo("%!d(float64=2) years");
  }
}
