package io.mockdocker.internal.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Busybox-style option parsing: single-letter options, clustered ({@code -nv}), an option's value attached or as the
 * next argument ({@code -n5}, {@code -n 5}), operands anywhere unless {@code --} ends the options. An unknown option
 * or a missing value prints busybox's usage error, shortened to its first lines, and exits 1.
 */
final class Options {
  /** The first line busybox 1.36.1 prints in a usage error. */
  static final String BANNER = "BusyBox v1.36.1 (2023-05-19 16:31:57 UTC) multi-call binary.";

  private final Map<Character, List<String>> seen = new LinkedHashMap<>();
  private final List<String> operands = new ArrayList<>();

  private Options() {}

  /**
   * Parses {@code args}: {@code flags} are the letters without a value, {@code valued} those with one; stops taking
   * options at the first operand when {@code inOrder}. Returns {@code null} after printing the usage error.
   */
  static Options parse(Proc p, List<String> args, String flags, String valued, boolean inOrder, String synopsis)
      throws IOException {
    Options o = new Options();
    boolean options = true;
    for (int k = 0; k < args.size(); k++) {
      String a = args.get(k);
      if (options && a.equals("--")) {
        options = false;
        continue;
      }
      if (!options || !a.startsWith("-") || a.length() == 1) {
        o.operands.add(a);
        if (inOrder) {
          options = false;
        }
        continue;
      }
      for (int i = 1; i < a.length(); i++) {
        char c = a.charAt(i);
        if (valued.indexOf(c) >= 0) {
          String value;
          if (i + 1 < a.length()) {
            value = a.substring(i + 1);
          } else if (k + 1 < args.size()) {
            value = args.get(++k);
          } else {
            usage(p, "option requires an argument -- '" + c + "'", synopsis);
            return null;
          }
          o.seen.computeIfAbsent(c, x -> new ArrayList<>()).add(value);
          break;
        }
        if (flags.indexOf(c) < 0) {
          usage(p, "invalid option -- '" + c + "'", synopsis);
          return null;
        }
        o.seen.computeIfAbsent(c, x -> new ArrayList<>()).add("");
      }
    }
    return o;
  }

  /** Busybox's usage error: the getopt message, the banner and the usage line; returns the status 1. */
  static int usage(Proc p, String message, String synopsis) throws IOException {
    p.err((message == null ? "" : p.name() + ": " + message + "\n") + BANNER + "\n\nUsage: " + synopsis + "\n");
    return 1;
  }

  boolean has(char c) {
    return seen.containsKey(c);
  }

  /** The last value given to {@code c}, or {@code fallback}. */
  String value(char c, String fallback) {
    List<String> v = seen.get(c);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  /** Every value given to {@code c}, in order. */
  List<String> values(char c) {
    return seen.getOrDefault(c, List.of());
  }

  List<String> operands() {
    return operands;
  }
}
