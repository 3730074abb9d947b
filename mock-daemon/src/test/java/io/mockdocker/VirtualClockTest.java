package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
  static final Instant T0 = Instant.parse("2013-07-01T00:00:00Z");

  @Test
  void a_new_clock_stands_still_at_its_start_in_utc() {
    VirtualClock clock = VirtualClock.at(T0);
    assertThat(clock.now()).isEqualTo(T0);
    assertThat(clock.zone()).isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(VirtualClock.at(T0, ZoneId.of("Europe/Paris")).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void advance_moves_now_by_exactly_the_duration() {
    VirtualClock clock = VirtualClock.at(T0);
    clock.advance(Duration.ofMinutes(10));
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void a_sleeper_wakes_only_when_an_advance_passes_its_deadline() throws Exception {
    VirtualClock clock = VirtualClock.at(T0);
    CompletableFuture<Instant> woke = CompletableFuture.supplyAsync(() -> {
      try {
        clock.sleep(Duration.ofSeconds(60));
        return clock.now();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    clock.awaitSleepers(1, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(60).minusNanos(1));
    // a sleeper the advance woke would leave within milliseconds: this one stays for 300 ms
    await("the sleeper a nanosecond before its deadline").during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2)).until(() -> clock.sleepers() == 1 && !woke.isDone());
    clock.advance(Duration.ofNanos(1));
    assertThat(woke.get(5, TimeUnit.SECONDS)).isEqualTo(T0.plusSeconds(60));
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void run_at_speed_wakes_a_sleeper_after_the_scaled_real_time() throws Exception {
    VirtualClock clock = VirtualClock.at(T0);
    clock.runAtSpeed(100_000);
    long start = System.nanoTime();
    clock.sleep(Duration.ofMinutes(10));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(clock.now()).isAfterOrEqualTo(T0.plusSeconds(600));
  }

  @Test
  void run_instantly_jumps_to_each_deadline() throws Exception {
    VirtualClock clock = VirtualClock.at(T0);
    clock.runInstantly();
    clock.sleep(Duration.ofSeconds(3));
    clock.sleep(Duration.ofMillis(250));
    assertThat(clock.now()).isEqualTo(T0.plusMillis(3250));
    clock.stop();
    assertThat(clock.now()).isEqualTo(T0.plusMillis(3250));
  }

  @Test
  void an_interrupted_sleeper_leaves_and_is_no_longer_counted() throws Exception {
    VirtualClock clock = VirtualClock.at(T0);
    Thread sleeper = new Thread(() -> {
      try {
        clock.sleep(Duration.ofHours(1));
      } catch (InterruptedException expected) {
        // leaves
      }
    });
    sleeper.start();
    clock.awaitSleepers(1, Duration.ofSeconds(5));
    sleeper.interrupt();
    sleeper.join(5000);
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void await_sleepers_fails_with_what_it_saw_after_its_timeout() {
    VirtualClock clock = VirtualClock.at(T0);
    assertThatThrownBy(() -> clock.awaitSleepers(1, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 1 sleepers").hasMessageContaining("but saw 0");
  }

  @Test
  void advance_refuses_to_go_back_and_speed_must_be_positive() {
    VirtualClock clock = VirtualClock.at(T0);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessage("a clock cannot go back: PT-1S");
    assertThatThrownBy(() -> clock.runAtSpeed(0)).hasMessage("speed must be positive and finite: 0.0");
  }

  @Test
  void to_string_says_where_the_clock_is_and_how_it_moves() {
    VirtualClock clock = VirtualClock.at(T0);
    assertThat(clock).hasToString("VirtualClock{2013-07-01T00:00:00Z Z, stopped, 0 sleeping}");
  }

  @Test
  void a_sleeper_interrupted_as_the_clock_turns_instant_leaves_without_moving_it() throws Exception {
    VirtualClock clock = VirtualClock.at(T0);
    java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
    Thread sleeper = new Thread(() -> {
      try {
        clock.sleep(Duration.ofSeconds(400));
        ended.set(new AssertionError("woke normally"));
      } catch (InterruptedException e) {
        ended.set(e);
      }
    });
    sleeper.start();
    clock.awaitSleepers(1, Duration.ofSeconds(5));
    synchronized (clock) { // the interrupt (a kill) and the switch to instant land together
      sleeper.interrupt();
      clock.runInstantly();
    }
    sleeper.join(5000);
    assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    assertThat(clock.now()).isEqualTo(T0);
  }
}
