package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Lines in the format of Go's standard logger: {@code 2013/06/20 12:00:00 message}. */
final class GoLog {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

  private GoLog() {}

  static String line(Clock clock, String message) {
    return ZonedDateTime.ofInstant(clock.now(), clock.zone()).format(FORMAT) + " " + message + "\n";
  }
}
