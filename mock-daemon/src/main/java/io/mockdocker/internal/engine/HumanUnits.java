package io.mockdocker.internal.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The daemon's human-readable sizes and durations ({@code utils.HumanSize} and {@code utils.HumanDuration} of docker
 * v0.4.4), including the exact output of Go's {@code %g} formatting they relied on.
 */
public final class HumanUnits {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
  private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

  /** Go's untyped constants {@code 1e-9}, {@code 1e-9/60} and {@code 1e-9/60/60}, rounded once to float64. */
  private static final double SECONDS_PER_NANO = 1e-9;
  private static final double MINUTES_PER_NANO = 1.0 / 6e10;
  private static final double HOURS_PER_NANO = 1.0 / 3.6e12;

  private HumanUnits() {}

  /**
   * {@code HumanSize}: divides by 1000 (in float64) while the value is at least 1000, then formats it with
   * {@code "%.4g %s"}. For example 512 gives {@code "512 B"}, 4096 {@code "4.096 kB"}, 1000000 {@code "1 MB"} and
   * 999950 {@code "1000 kB"}.
   */
  static String size(long bytes) {
    int unit = 0;
    double sizef = bytes;
    while (sizef >= 1000.0) {
      sizef = sizef / 1000.0;
      unit++;
    }
    return formatG(sizef, 4) + " " + UNITS[unit];
  }

  /**
   * {@code HumanDuration}, with Go 1.1's float {@code Duration.Seconds/Minutes/Hours} truncated to int:
   * "Less than a second", "N seconds", "About a minute", "N minutes", "About an hour", "N hours" (under 48), "N days"
   * (under two weeks), "N weeks" (under 90 days), "N months" (under two years, 30-day months). Beyond that v0.4.4
   * passed a float64 to {@code %d}, so the text is {@code "%!d(float64=<hours/24/365>) years"}, for example
   * {@code "%!d(float64=2.0027397260273974) years"}.
   */
  public static String duration(Duration d) {
    long nanos = d.toNanos();
    long seconds = (long) ((double) (nanos / NANOS_PER_SECOND) + (double) (nanos % NANOS_PER_SECOND)
        * SECONDS_PER_NANO);
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = (long) ((double) (nanos / NANOS_PER_MINUTE) + (double) (nanos % NANOS_PER_MINUTE)
        * MINUTES_PER_NANO);
    if (minutes == 1) {
      return "About a minute";
    }
    if (minutes < 60) {
      return minutes + " minutes";
    }
    double hoursf = (double) (nanos / NANOS_PER_HOUR) + (double) (nanos % NANOS_PER_HOUR) * HOURS_PER_NANO;
    long hours = (long) hoursf;
    if (hours == 1) {
      return "About an hour";
    }
    if (hours < 48) {
      return hours + " hours";
    }
    if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    }
    if (hours < 24 * 30 * 3) {
      return hours / 24 / 7 + " weeks";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return "%!d(float64=" + formatG(hoursf / 24 / 365, -1) + ") years";
  }

  /**
   * Go's {@code strconv.FormatFloat(v, 'g', precision, 64)}: {@code precision} significant digits (or, when
   * negative, the shortest digits that read back as {@code v}, as {@code %v} prints), rounded from the exact binary
   * value with ties to even, trailing zeros dropped; exponent form ({@code 1e+04}, {@code 1.234e-05}) when the
   * decimal exponent is below -4 or at least the precision (6 for shortest).
   */
  static String formatG(double v, int precision) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean shortest = precision < 0;
    String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
    double abs = Math.abs(v);
    String digits = "";
    int dp = 0;
    if (abs != 0) {
      BigDecimal rounded = shortest ? shortestDecimal(abs)
          : new BigDecimal(abs).round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
      rounded = rounded.stripTrailingZeros();
      digits = rounded.unscaledValue().toString();
      dp = digits.length() - rounded.scale();
    }
    int nd = digits.length();
    int prec = shortest ? nd : Math.max(precision, 1);
    int eprec = prec;
    if (eprec > nd && nd >= dp) {
      eprec = nd;
    }
    if (shortest) {
      eprec = 6;
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= eprec) {
      return sign + fmtE(digits, dp, Math.min(prec, nd) - 1);
    }
    if (prec > dp) {
      prec = nd;
    }
    return sign + fmtF(digits, dp, Math.max(prec - dp, 0));
  }

  /** The shortest decimal that reads back as {@code v} (positive, finite), nearest to it when there is a choice. */
  private static BigDecimal shortestDecimal(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (nearest.doubleValue() == v) {
        return nearest;
      }
      BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
      if (down.doubleValue() == v) {
        return down;
      }
      BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
      if (up.doubleValue() == v) {
        return up;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  /** Go's {@code fmtE}: digits {@code d} with decimal point position {@code dp}, {@code prec} fraction digits. */
  private static String fmtE(String d, int dp, int prec) {
    StringBuilder out = new StringBuilder();
    out.append(d.isEmpty() ? '0' : d.charAt(0));
    if (prec > 0) {
      out.append('.');
      int i = 1;
      int m = Math.min(d.length(), prec + 1);
      if (i < m) {
        out.append(d, i, m);
        i = m;
      }
      for (; i <= prec; i++) {
        out.append('0');
      }
    }
    out.append('e');
    int exp = d.isEmpty() ? 0 : dp - 1;
    out.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      out.append('0');
    }
    return out.append(exp).toString();
  }

  /** Go's {@code fmtF}: digits {@code d} with decimal point position {@code dp}, {@code prec} fraction digits. */
  private static String fmtF(String d, int dp, int prec) {
    StringBuilder out = new StringBuilder();
    if (dp > 0) {
      int m = Math.min(d.length(), dp);
      out.append(d, 0, m);
      for (; m < dp; m++) {
        out.append('0');
      }
    } else {
      out.append('0');
    }
    if (prec > 0) {
      out.append('.');
      for (int i = 0; i < prec; i++) {
        int j = dp + i;
        out.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
      }
    }
    return out.toString();
  }
}
