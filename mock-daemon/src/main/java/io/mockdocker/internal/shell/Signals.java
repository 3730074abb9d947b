package io.mockdocker.internal.shell;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Linux's signal names and numbers as the daemon knows them ({@code HUP} is 1, {@code RTMIN+3} is 37), how a name
 * given by a client or a script is read, and each signal's default disposition.
 */
public final class Signals {
  public static final int HUP = 1;
  public static final int INT = 2;
  public static final int KILL = 9;
  public static final int TERM = 15;

  private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

  static {
    String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
        "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
    for (int k = 0; k < names.length; k++) {
      BY_NAME.put(names[k], k + 1);
    }
    BY_NAME.put("IOT", 6);
    BY_NAME.put("CLD", 17);
    BY_NAME.put("POLL", 29);
    BY_NAME.put("RTMIN", 34);
    for (int k = 1; k <= 15; k++) {
      BY_NAME.put("RTMIN+" + k, 34 + k);
    }
    for (int k = 14; k >= 1; k--) {
      BY_NAME.put("RTMAX-" + k, 64 - k);
    }
    BY_NAME.put("RTMAX", 64);
  }

  private Signals() {}

  /**
   * A signal as the daemon parses one: a number as it is (0 is invalid), else a name in any case with or without
   * {@code SIG}; {@code -1} when it is neither.
   */
  public static int parse(String raw) {
    try {
      int n = Integer.parseInt(raw);
      return n == 0 ? -1 : n;
    } catch (NumberFormatException e) {
      String name = raw.toUpperCase(Locale.ROOT);
      Integer n = BY_NAME.get(name.startsWith("SIG") ? name.substring(3) : name);
      return n == null ? -1 : n;
    }
  }

  /** Whether Linux has this signal (1 to 31 and 34 to 64, the numbers the daemon accepts). */
  public static boolean valid(int signal) {
    return BY_NAME.containsValue(signal);
  }

  /** A signal's name without {@code SIG} ({@code TERM}); the number as text when it has none. */
  public static String name(int signal) {
    for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
      if (e.getValue() == signal) {
        return e.getKey();
      }
    }
    return Integer.toString(signal);
  }

  /**
   * Whether the default disposition lets the process go on: {@code CHLD}, {@code WINCH}, {@code URG} (ignored),
   * {@code CONT}, and the job-control stops {@code STOP}, {@code TSTP}, {@code TTIN}, {@code TTOU} (a simulated
   * process is not stopped by them); every other signal ends the process with 128 + its number.
   */
  public static boolean ignoredByDefault(int signal) {
    return signal >= 17 && signal <= 23 || signal == 28;
  }
}
