package io.mockdocker.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One process's view of the engine clock: its sleeps follow one another on the process's own time line, so that
 * when the clock jumps ahead (a virtual clock advanced by ten minutes) a loop of {@code sleep 1} catches up, one
 * iteration per second of the jump, instead of sleeping a whole second past the new time at each turn.
 *
 * <p>It keeps how far the process is behind the clock: the time by which its last sleep overshot its deadline (the
 * clock jumped past it, or the thread woke late), less what later sleeps consumed. On a clock that runs in real time
 * that is a scheduling delay of a few milliseconds, so nothing visible changes. Thread-safe (the stages of a
 * pipeline share it).
 */
final class Timeline implements ShellClock {
  private final ShellClock clock;
  /** How far the process's own time is behind the clock. */
  private Duration behind = Duration.ZERO;

  Timeline(ShellClock clock) {
    this.clock = clock;
  }

  /** {@code clock} seen by one process; a timeline already is one. */
  static ShellClock of(ShellClock clock) {
    return clock == null || clock instanceof Timeline ? clock : new Timeline(clock);
  }

  @Override
  public Instant now() {
    return clock.now();
  }

  @Override
  public ZoneId zone() {
    return clock.zone();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Proc.checkInterrupt();
    Duration wait;
    synchronized (this) {
      if (behind.compareTo(duration) >= 0) {
        behind = behind.minus(duration); // the deadline is already past: the sleep ends at once
        return;
      }
      wait = duration.minus(behind);
      behind = Duration.ZERO;
    }
    Instant deadline = clock.now().plus(wait);
    clock.sleep(wait);
    Duration late = Duration.between(deadline, clock.now());
    if (!late.isNegative()) {
      synchronized (this) {
        behind = behind.plus(late);
      }
    }
  }
}
