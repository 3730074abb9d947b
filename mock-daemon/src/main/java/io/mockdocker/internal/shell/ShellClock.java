package io.mockdocker.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The time a simulated process reads and waits on; the engine passes its clock in through this. */
public interface ShellClock {

  /** The current instant. */
  Instant now();

  /** The zone {@code date} and {@code ls -l} print times in. */
  ZoneId zone();

  /** Waits {@code duration}; an interrupt ends the wait with {@link InterruptedException}. */
  void sleep(Duration duration) throws InterruptedException;
}
