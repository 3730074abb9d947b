package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Wall-clock time. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public ZoneId zone() {
    return ZoneId.systemDefault();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  }

  @Override
  public String toString() {
    return "Clock.system()";
  }

  /** Wall-clock time printed in a fixed zone. */
  record Zoned(ZoneId zone) implements Clock {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      INSTANCE.sleep(duration);
    }
  }
}
