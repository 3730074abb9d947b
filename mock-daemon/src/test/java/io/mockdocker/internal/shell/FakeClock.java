package io.mockdocker.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A deterministic clock: {@code sleep} advances it instantly and records the duration. */
final class FakeClock implements ShellClock {
  private Instant now;
  private final ZoneId zone;
  final List<Duration> sleeps = new ArrayList<>();

  FakeClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleeps.add(duration);
    now = now.plus(duration);
  }
}
