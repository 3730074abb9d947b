package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoJson;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's timestamps in queries ({@code since}, {@code until}): Unix seconds with optional
 * {@code .nanoseconds}, RFC 3339 (with or without zone, or a bare date), or a Go duration before now ({@code 10m}).
 */
final class ModernTimes {
  private static final Pattern UNIX = Pattern.compile("(-?\\d+)(?:\\.(\\d{1,9}))?");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  private ModernTimes() {}

  /** A time as the modern daemon printed stored times: RFC 3339 with nanoseconds, in UTC ({@code …Z}). */
  static String utc(OffsetDateTime t) {
    return GoJson.time(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The instant, or {@code null} for an empty value; a value it cannot read is a 400. */
  static Instant parse(String value, Instant now) {
    if (value.isEmpty()) {
      return null;
    }
    Matcher unix = UNIX.matcher(value);
    if (unix.matches()) {
      long nanos = unix.group(2) == null ? 0 : Long.parseLong((unix.group(2) + "00000000").substring(0, 9));
      return Instant.ofEpochSecond(Long.parseLong(unix.group(1)), nanos);
    }
    Duration d = duration(value);
    if (d != null) {
      return now.minus(d);
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // try the zoneless forms
    }
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // a bare date?
    }
    try {
      return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "failed to parse value as time or duration: \"" + value + "\"");
    }
  }

  private static Duration duration(String value) {
    Matcher m = DURATION.matcher(value);
    long nanos = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += (long) (n * unit);
      end = m.end();
    }
    return end == value.length() && end > 0 ? Duration.ofNanos(nanos) : null;
  }

  /** RFC 3339 with nanoseconds always nine digits, in UTC ({@code logs --timestamps}). */
  static String padded(Instant t) {
    OffsetDateTime u = t.atOffset(ZoneOffset.UTC);
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", u.getYear(), u.getMonthValue(), u.getDayOfMonth(),
        u.getHour(), u.getMinute(), u.getSecond(), u.getNano());
  }
}
