package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which labels Ryuk's filters select: every label of one filter, {@code key} alone or {@code key=value}. */
class LabelReaperTest {
  static final Map<String, String> LABELS = Map.of("org.testcontainers", "true", "org.testcontainers.sessionId", "s1");

  @Test
  void a_filter_selects_what_carries_every_label_it_lists() {
    assertThat(LabelReaper.selected(List.of(Map.of("label",
        List.of("org.testcontainers=true", "org.testcontainers.sessionId=s1"))), LABELS)).isTrue();
    assertThat(LabelReaper.selected(List.of(Map.of("label",
        List.of("org.testcontainers=true", "org.testcontainers.sessionId=s2"))), LABELS)).isFalse();
    assertThat(LabelReaper.selected(List.of(Map.of("label", List.of("org.testcontainers.sessionId"))), LABELS))
        .isTrue();
  }

  @Test
  void one_matching_filter_of_several_is_enough_and_none_selects_nothing() {
    assertThat(LabelReaper.selected(List.of(Map.of("label", List.of("a=b")),
        Map.of("label", List.of("org.testcontainers.sessionId=s1"))), LABELS)).isTrue();
    assertThat(LabelReaper.selected(List.of(), LABELS)).isFalse();
    assertThat(LabelReaper.selected(List.of(Map.of("label", List.of("a"))), null)).isFalse();
  }

  @Test
  void filters_on_anything_but_labels_select_nothing() {
    assertThat(LabelReaper.selected(List.of(Map.of("name", List.of("web"))), LABELS)).isFalse();
    assertThat(LabelReaper.selected(List.of(Map.of("label", List.of("org.testcontainers=true"),
        "name", List.of("web"))), LABELS)).isFalse();
  }
}
