package io.mockdocker.internal.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's durations as the daemon wrote and read them: {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d*\\.?\\d*)([^0-9.]*)");

  private GoDurations() {}

  /** Go's {@code Duration.String()}. */
  static String format(Duration d) {
    long n = d.toNanos();
    String sign = n < 0 ? "-" : "";
    long u = Math.abs(n);
    if (u < 1_000_000_000L) {
      if (u == 0) {
        return "0s";
      } else if (u < 1_000L) {
        return sign + u + "ns";
      } else if (u < 1_000_000L) {
        return sign + decimal(u, 3) + "µs";
      }
      return sign + decimal(u, 6) + "ms";
    }
    long seconds = u / 1_000_000_000L;
    String s = decimal(u % 60_000_000_000L, 9) + "s";
    long minutes = seconds / 60;
    if (minutes == 0) {
      return sign + s;
    }
    long hours = minutes / 60;
    String m = (minutes % 60) + "m";
    return sign + (hours > 0 ? hours + "h" : "") + m + s;
  }

  /** {@code value / 10^digits} with the fraction's trailing zeros dropped. */
  private static String decimal(long value, int digits) {
    return BigDecimal.valueOf(value).movePointLeft(digits).stripTrailingZeros().toPlainString();
  }

  /** Go's {@code time.ParseDuration}; a value it cannot read throws with Go's text. */
  static Duration parse(String value) {
    String s = value;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(value);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(s);
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.end() == at) {
        throw invalid(value);
      }
      String number = m.group(1);
      String unit = m.group(2);
      if (number.isEmpty() || number.equals(".")) {
        throw invalid(value);
      }
      if (unit.isEmpty()) {
        throw new DockerException("time: missing unit in duration \"" + value + "\"");
      }
      long scale = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new DockerException("time: unknown unit \"" + unit + "\" in duration \"" + value + "\"");
      };
      nanos = nanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
          .multiply(BigDecimal.valueOf(scale)));
      at = m.end();
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  private static DockerException invalid(String value) {
    return new DockerException("time: invalid duration \"" + value + "\"");
  }
}
