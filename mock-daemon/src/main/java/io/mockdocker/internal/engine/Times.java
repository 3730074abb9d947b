package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.OffsetDateTime;

/** The time the engine stamps on what it creates. */
final class Times {
  private Times() {}

  /** The current time on {@code clock}, in its zone. */
  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.ofInstant(clock.now(), clock.zone());
  }
}
