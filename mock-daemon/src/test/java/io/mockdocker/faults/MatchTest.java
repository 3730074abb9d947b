package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The match value alone: its conditions, composition and printed form. */
class MatchTest {

  @Test
  void the_route_uses_the_journal_patterns_without_the_version_prefix() {
    Match push = Match.request("POST", "/images/**/push");
    assertThat(push.matchesRoute("POST", "/images/me/app/push")).isTrue();
    assertThat(push.matchesRoute("GET", "/images/me/app/push")).isFalse();
    assertThat(Match.request("POST", "/images/*/push").matchesRoute("POST", "/images/me/app/push")).isFalse();
    assertThat(Match.any().matchesRoute("DELETE", "/containers/abc")).isTrue();
  }

  @Test
  void a_version_matches_its_prefix_and_an_unprefixed_path_counts_as_1_2() {
    Match v12 = Match.any().version("1.2");
    assertThat(v12.matchesVersion("1.2")).isTrue();
    assertThat(v12.matchesVersion("")).isTrue();
    assertThat(v12.matchesVersion("1.1")).isFalse();
  }

  @Test
  void a_name_matches_tagged_modern_and_id_prefix_forms() {
    assertThat(Match.any().name("busybox").matchesName(List.of("busybox:latest"))).isTrue();
    assertThat(Match.any().name("busybox").matchesName(List.of("docker.io/library/busybox"))).isTrue();
    assertThat(Match.any().name("busybox").matchesName(List.of("ubuntu"))).isFalse();
    assertThat(Match.any().name("busybox:1").matchesName(List.of("busybox:2"))).isFalse();
    assertThat(Match.any().name("abcdef0123").matchesName(List.of("abcdef"))).isTrue();
  }

  @Test
  void a_window_includes_its_start_and_excludes_its_end() {
    Instant t = Instant.parse("2013-07-01T00:00:00Z");
    Match m = Match.any().between(t, t.plusSeconds(60));
    assertThat(m.inWindow(t)).isTrue();
    assertThat(m.inWindow(t.plusSeconds(60))).isFalse();
    assertThat(m.inWindow(t.minusSeconds(1))).isFalse();
  }

  @Test
  void and_combines_conditions_and_refuses_conflicts() {
    Match m = Match.request("POST", "/images/create").and(Match.any().name("busybox").nth(2));
    assertThat(m).isEqualTo(Match.pull("busybox").nth(2));
    assertThatThrownBy(() -> Match.any().nth(2).and(Match.any().nth(3)))
        .hasMessage("conflicting nth: 2 and 3");
  }

  @Test
  void a_match_and_a_fault_print_in_one_readable_form() {
    Fault f = Fault.when(Match.pull("busybox").nth(2)).at(Moment.atProgress(0.4)).then(Effect.reset());
    assertThat(f).hasToString("reset(at=40% of POST /images/create name=busybox #2)");
    assertThat(Fault.when(Match.any().everyNth(3).probability(0.5, 7)).then(Effect.error(500, "boom")))
        .hasToString("error(500, boom, at=head of * /** every 3rd p=0.5 seed=7)");
    assertThat(Effect.jitter(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(150)))
        .hasToString("delay(0..250ms)");
  }

  @Test
  void bad_values_are_refused_with_a_message_naming_them() {
    assertThatThrownBy(() -> Match.request("GET", "version")).hasMessage("a path pattern starts with '/': version");
    assertThatThrownBy(() -> Match.any().probability(1.5, 0)).hasMessage("a probability is from 0 to 1: 1.5");
    assertThatThrownBy(() -> Moment.atProgress(1.2)).hasMessage("a progress fraction is from 0 to 1: 1.2");
    assertThatThrownBy(() -> Fault.when(Match.any()).at(Moment.atProgress(0.5)).then(Effect.closeAttachEarly()))
        .hasMessageStartingWith("an attach stream has no transfer progress");
  }
}
