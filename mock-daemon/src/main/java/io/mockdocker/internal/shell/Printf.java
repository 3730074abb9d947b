package io.mockdocker.internal.shell;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code printf FORMAT [ARG]...} as busybox prints it: C conversions ({@code %s %b %c %d %i %u %o %x %X %e %f %g
 * %%}) with flags, width and precision, backslash escapes in the format, the format reused while arguments remain;
 * a number that does not parse prints {@code printf: invalid number 'X'}, counts as 0 and makes the status 1.
 */
final class Printf {
  private Printf() {}

  static int run(Proc p) throws IOException {
    List<String> args = p.operands();
    if (!args.isEmpty() && args.get(0).equals("--")) {
      args = args.subList(1, args.size());
    }
    if (args.isEmpty()) {
      return Options.usage(p, null, "printf FORMAT [ARG]...");
    }
    StringBuilder out = new StringBuilder();
    StringBuilder errors = new StringBuilder();
    format(args.get(0), args.subList(1, args.size()), out, errors);
    p.out(out.toString());
    if (errors.length() > 0) {
      p.err(errors.toString());
      return 1;
    }
    return 0;
  }

  /**
   * Formats {@code args} with {@code format} (reused while arguments remain) into {@code out}; bad numbers are
   * reported into {@code errors}. Returns whether a {@code \c} ended the output early.
   */
  static boolean format(String format, List<String> args, StringBuilder out, StringBuilder errors) {
    int[] next = {0};
    do {
      int before = next[0];
      if (once(format, args, next, out, errors)) {
        return true;
      }
      if (next[0] == before) {
        break;
      }
    } while (next[0] < args.size());
    return false;
  }

  private static boolean once(String f, List<String> args, int[] next, StringBuilder out, StringBuilder errors) {
    int n = f.length();
    for (int i = 0; i < n; i++) {
      char c = f.charAt(i);
      if (c == '\\') {
        i = escape(f, i, out, false);
        if (i < 0) {
          return true;
        }
        continue;
      }
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 < n && f.charAt(i + 1) == '%') {
        out.append('%');
        i++;
        continue;
      }
      int start = i++;
      while (i < n && "-+ #0".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      StringBuilder spec = new StringBuilder(f.substring(start, i));
      if (i < n && f.charAt(i) == '*') {
        spec.append(integer(arg(args, next), errors));
        i++;
      } else {
        while (i < n && Character.isDigit(f.charAt(i))) {
          spec.append(f.charAt(i++));
        }
      }
      if (i < n && f.charAt(i) == '.') {
        spec.append('.');
        i++;
        if (i < n && f.charAt(i) == '*') {
          spec.append(integer(arg(args, next), errors));
          i++;
        } else {
          int digits = 0;
          while (i < n && Character.isDigit(f.charAt(i))) {
            spec.append(f.charAt(i++));
            digits++;
          }
          if (digits == 0) {
            spec.append('0');
          }
        }
      }
      while (i < n && "hlLqjzt".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        out.append(spec);
        break;
      }
      char conv = f.charAt(i);
      String s = spec.toString();
      switch (conv) {
        case 's' -> out.append(String.format(s.replace("0", "").replace("#", "") + "s", arg(args, next)));
        case 'b' -> {
          StringBuilder expanded = new StringBuilder();
          String a = arg(args, next);
          for (int k = 0; k < a.length(); k++) {
            if (a.charAt(k) == '\\') {
              k = escape(a, k, expanded, true);
              if (k < 0) {
                out.append(String.format(s.replace("0", "") + "s", expanded));
                return true;
              }
            } else {
              expanded.append(a.charAt(k));
            }
          }
          out.append(String.format(s.replace("0", "") + "s", expanded));
        }
        case 'c' -> {
          String a = arg(args, next);
          out.append(String.format(s + "s", a.isEmpty() ? "" : a.substring(0, 1)));
        }
        case 'd', 'i' -> out.append(String.format(s.replace("#", "") + "d", integer(arg(args, next), errors)));
        case 'u' -> out.append(String.format(s.replace("#", "") + "d", integer(arg(args, next), errors)));
        case 'o', 'x', 'X' -> {
          long value = integer(arg(args, next), errors);
          out.append(String.format(s.replace("+", "").replace(" ", "") + conv, value));
        }
        case 'e', 'E', 'f', 'F', 'g', 'G' -> {
          double value = decimal(arg(args, next), errors);
          out.append(String.format(s + (conv == 'F' ? 'f' : conv), value));
        }
        default -> {
          errors.append("printf: %").append(conv).append(": invalid format\n");
          return true;
        }
      }
    }
    return false;
  }

  private static String arg(List<String> args, int[] next) {
    return next[0] < args.size() ? args.get(next[0]++) : "";
  }

  private static long integer(String a, StringBuilder errors) {
    String s = a.strip();
    if (s.isEmpty()) {
      return 0;
    }
    if (s.startsWith("'") || s.startsWith("\"")) {
      return s.length() > 1 ? s.codePointAt(1) : 0;
    }
    try {
      boolean negative = s.startsWith("-");
      String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
      long value;
      if (digits.startsWith("0x") || digits.startsWith("0X")) {
        value = Long.parseUnsignedLong(digits.substring(2), 16);
      } else if (digits.length() > 1 && digits.startsWith("0")) {
        value = Long.parseLong(digits.substring(1), 8);
      } else {
        value = Long.parseLong(digits);
      }
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      errors.append("printf: invalid number '").append(a).append("'\n");
      return 0;
    }
  }

  private static double decimal(String a, StringBuilder errors) {
    String s = a.strip();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return new BigDecimal(s).doubleValue();
    } catch (NumberFormatException e) {
      errors.append("printf: invalid number '").append(a).append("'\n");
      return 0;
    }
  }

  /**
   * Appends the escape at {@code s[i]} (a backslash) to {@code out}; returns the index of its last character, or
   * -1 for {@code \c} (stop). In {@code %b} arguments an octal escape is {@code \0NNN}.
   */
  static int escape(String s, int i, StringBuilder out, boolean inArgument) {
    if (i + 1 >= s.length()) {
      out.append('\\');
      return i;
    }
    char e = s.charAt(++i);
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\013');
      case 'e' -> out.append('\033');
      case '\\' -> out.append('\\');
      case '"' -> out.append('"');
      case 'c' -> {
        return -1;
      }
      case 'x' -> {
        int value = 0;
        int digits = 0;
        while (digits < 2 && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
          value = value * 16 + Character.digit(s.charAt(++i), 16);
          digits++;
        }
        if (digits == 0) {
          out.append("\\x");
        } else {
          out.append((char) value);
        }
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int value = e - '0';
          int digits = inArgument && e == '0' ? 0 : 1;
          if (inArgument && e != '0') {
            value = e - '0';
          } else if (inArgument) {
            value = 0;
          }
          while (digits < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
            value = value * 8 + (s.charAt(++i) - '0');
            digits++;
          }
          out.append((char) (value & 0xff));
        } else {
          out.append('\\').append(e);
        }
      }
    }
    return i;
  }
}
