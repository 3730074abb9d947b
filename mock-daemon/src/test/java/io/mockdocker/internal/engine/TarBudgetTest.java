package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.TarLimits;
import org.junit.jupiter.api.Test;

/** One budget for a daemon's extractions in progress, on top of each extraction's own limit. */
class TarBudgetTest {
  static final String TOO_LARGE = "tar archive too large: more than 1000 bytes once extracted, the daemon's limit";

  @Test
  void extractions_in_progress_share_the_byte_limit_and_give_back_what_they_wrote_when_they_end() throws Exception {
    TarBudget budget = new TarBudget(new TarLimits(1000, 10));
    try (TarBudget.Spending first = budget.start(); TarBudget.Spending second = budget.start()) {
      first.spend(600);
      assertThatThrownBy(() -> second.spend(600)).hasMessage(TOO_LARGE);
      first.close();
      try (TarBudget.Spending third = budget.start()) {
        third.spend(1000);
        assertThat(budget.inProgress()).isEqualTo(1000);
      }
    }
    assertThat(budget.inProgress()).isZero();
  }

  @Test
  void one_extraction_alone_keeps_its_own_limit() throws Exception {
    TarBudget budget = new TarBudget(new TarLimits(1000, 10));
    try (TarBudget.Spending only = budget.start()) {
      only.spend(1000);
      assertThatThrownBy(() -> only.spend(1)).hasMessage(TOO_LARGE);
    }
    assertThat(budget.inProgress()).isZero();
  }

  @Test
  void the_default_byte_limit_is_a_quarter_of_the_heap_and_at_most_1_gib() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(TarLimits.DEFAULT.maxBytes()).isEqualTo(Math.min(1L << 30, heap / 4));
    assertThat(TarLimits.DEFAULT.maxEntries()).isEqualTo(100_000);
  }
}
