package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to, so that scripted delays, simulated {@code sleep}, progress pacing, stop
 * timeouts and {@code Up N minutes} statuses take no wall time.
 *
 * <p>It starts stopped: time moves by {@link #advance(Duration)} only, and every {@link #sleep(Duration)} waits
 * until an advance passes its deadline. {@link #runAtSpeed(double)} lets it run at N× real time instead (sleepers
 * still wake when the clock passes their deadlines), {@link #runInstantly()} makes each sleep jump the clock to its
 * own deadline at once, and {@link #stop()} returns to manual. {@link #awaitSleepers(int, Duration)} lets a test wait
 * until the daemon is blocked on the clock before it advances, without races.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
 * try (MockDocker docker = MockDocker.builder().clock(clock).start()) {
 *   // ... start a container whose process sleeps 60 s ...
 *   clock.awaitSleepers(1, Duration.ofSeconds(5));
 *   clock.advance(Duration.ofSeconds(60));      // the process wakes and exits
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class VirtualClock implements Clock {
  /** How a clock moves between advances. */
  private enum Mode { MANUAL, SCALED, INSTANT }

  private final ZoneId zone;
  /** The virtual instant at {@link #baseNanos}. */
  private Instant base;
  private long baseNanos;
  private Mode mode = Mode.MANUAL;
  private double speed;
  private int sleepers;

  private VirtualClock(Instant start, ZoneId zone) {
    this.base = start;
    this.zone = zone;
    this.baseNanos = System.nanoTime();
  }

  /** A stopped clock at {@code start}, printing times in UTC. */
  public static VirtualClock at(Instant start) {
    return at(start, ZoneOffset.UTC);
  }

  /** A stopped clock at {@code start}, printing times in {@code zone}. */
  public static VirtualClock at(Instant start, ZoneId zone) {
    return new VirtualClock(Objects.requireNonNull(start, "start"), Objects.requireNonNull(zone, "zone"));
  }

  /** A stopped clock at the current wall-clock instant, printing times in UTC. */
  public static VirtualClock start() {
    return at(Instant.now());
  }

  @Override
  public synchronized Instant now() {
    return switch (mode) {
      case MANUAL, INSTANT -> base;
      case SCALED -> base.plusNanos((long) ((System.nanoTime() - baseNanos) * speed));
    };
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  /**
   * Waits until the clock reaches now + {@code duration}: until advances pass it (stopped), the scaled real time has
   * elapsed (at speed), or not at all (instantly: the clock jumps to the deadline).
   */
  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    Instant deadline = now().plus(duration);
    if (mode == Mode.INSTANT) {
      base = deadline;
      notifyAll();
      return;
    }
    sleepers++;
    notifyAll();
    try {
      while (true) {
        Instant now = now();
        if (!now.isBefore(deadline)) {
          return;
        }
        // a sleeper interrupted while it waited (a killed process) leaves without moving the clock, even when a
        // notification (runInstantly, an advance) woke it before the interrupt could
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        switch (mode) {
          case MANUAL -> wait();
          case SCALED -> {
            long realNanos = Math.max(1, (long) Math.ceil(Duration.between(now, deadline).toNanos() / speed));
            wait(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
          }
          case INSTANT -> {
            base = deadline;
            notifyAll();
          }
        }
      }
    } finally {
      sleepers--;
      notifyAll();
    }
  }

  /** Moves the clock forward, waking every sleeper whose deadline it passes. */
  public synchronized void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back: " + duration);
    }
    rebase();
    base = base.plus(duration);
    notifyAll();
  }

  /** Runs at {@code factor} × real time from now on ({@code 60} makes a minute pass every wall-clock second). */
  public synchronized void runAtSpeed(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speed must be positive and finite: " + factor);
    }
    rebase();
    mode = Mode.SCALED;
    speed = factor;
    notifyAll();
  }

  /**
   * From now on each sleep moves the clock to its deadline at once and returns, so a single paced operation (a
   * throttled response, a slow pull) completes immediately while the clock shows the time it took. Sleepers waiting
   * already are woken as the clock passes their deadlines.
   */
  public synchronized void runInstantly() {
    rebase();
    mode = Mode.INSTANT;
    notifyAll();
  }

  /** Stops the clock; only {@link #advance(Duration)} moves it again. */
  public synchronized void stop() {
    rebase();
    mode = Mode.MANUAL;
    notifyAll();
  }

  /** How many threads are blocked in {@link #sleep(Duration)} now. */
  public synchronized int sleepers() {
    return sleepers;
  }

  /**
   * Waits (in real time, at most {@code timeout}) until at least {@code n} threads sleep on this clock.
   *
   * @throws AssertionError when the timeout passes first, saying how many were sleeping
   */
  public synchronized void awaitSleepers(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (sleepers < n) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " sleepers on " + this + " within " + timeout.toMillis()
            + "ms but saw " + sleepers);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private void rebase() {
    base = now();
    baseNanos = System.nanoTime();
  }

  @Override
  public synchronized String toString() {
    String how = switch (mode) {
      case MANUAL -> "stopped";
      case SCALED -> "at " + speed + "x";
      case INSTANT -> "instant";
    };
    return "VirtualClock{" + now() + " " + zone + ", " + how + ", " + sleepers + " sleeping}";
  }
}
