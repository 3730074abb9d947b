package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Every time the engine reads or waits on goes through a clock.
 *
 * <p>The default, {@link #system()}, is real time in the JVM's default zone (the real daemon stamped objects with
 * {@code time.Now()} in its local zone). A virtual clock can replace it so that scripted delays take no wall time.
 */
public interface Clock {

  /** The current instant. */
  Instant now();

  /** The zone in which the daemon prints the times it creates. */
  ZoneId zone();

  /** Waits {@code duration} on this clock. */
  void sleep(Duration duration) throws InterruptedException;

  /** Real time, in the JVM's default zone. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** Real time, printed in {@code zone}. */
  static Clock system(ZoneId zone) {
    return new SystemClock.Zoned(zone);
  }
}
