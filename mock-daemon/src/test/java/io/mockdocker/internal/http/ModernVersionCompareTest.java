package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModernVersionCompareTest {
  @Test
  void dotted_versions_compare_part_by_part_as_numbers() {
    assertThat(ModernVersion.compare("1.2", "1.10")).isEqualTo(-1);
    assertThat(ModernVersion.compare("1.50", "1.50")).isZero();
    assertThat(ModernVersion.compare("1.51", "1.50")).isEqualTo(1);
    assertThat(ModernVersion.compare("1.2.0", "1.2")).isZero();
    assertThat(ModernVersion.compare("1.2.1", "1.2")).isEqualTo(1);
    assertThat(ModernVersion.compare("0.4", "0.10")).isEqualTo(-1);
  }

  @Test
  void a_part_that_is_not_a_number_counts_as_zero() {
    assertThat(ModernVersion.compare("1.x", "1.0")).isZero();
    assertThat(ModernVersion.compare("1.", "1")).isZero();
    assertThat(ModernVersion.compare("", "0")).isZero();
    assertThat(ModernVersion.compare("1.99999999999", "1.0")).isZero();
    assertThat(ModernVersion.compare("+1", "1")).isZero();
    assertThat(ModernVersion.compare("-1", "0")).isEqualTo(-1);
    assertThat(ModernVersion.compare("1..2", "1.0.2")).isZero();
  }

  @Test
  void the_walk_agrees_with_splitting_at_the_dots() {
    Random random = new Random(17);
    String alphabet = "0123456789.x+-";
    for (int n = 0; n < 20_000; n++) {
      String a = randomVersion(random, alphabet);
      String b = randomVersion(random, alphabet);
      assertThat(ModernVersion.compare(a, b)).as("%s vs %s", a, b).isEqualTo(bySplitting(a, b));
    }
  }

  private static String randomVersion(Random random, String alphabet) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(7); i > 0; i--) {
      sb.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 11 : alphabet.length())));
    }
    return sb.toString();
  }

  /** The comparison as it was first written: split at the dots, each part read as a number or 0. */
  private static int bySplitting(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? number(x[i]) : 0;
      int q = i < y.length ? number(y[i]) : 0;
      if (p != q) {
        return p < q ? -1 : 1;
      }
    }
    return 0;
  }

  private static int number(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
