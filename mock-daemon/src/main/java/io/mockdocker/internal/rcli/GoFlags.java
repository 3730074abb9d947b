package io.mockdocker.internal.rcli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of Go 1.0's {@code flag} package the era's CLI relied on, with its texts: one or two dashes, {@code
 * -name=value} or {@code -name value}, bool flags without a value, parsing stopping at the first non-flag argument or
 * after {@code --}. A parse error prints its message and the usage to the output (when there is one) and is thrown.
 */
final class GoFlags {
  /** A failed parse; {@link #getMessage()} is the error as Go returned it. */
  static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message, null, false, false);
    }
  }

  /** Go's {@code flag.ErrHelp}. */
  static final String HELP_REQUESTED = "flag: help requested";

  private enum Kind { BOOL, STRING, INT, LIST, ATTACH, PATHS }

  private static final class Flag {
    final Kind kind;
    final String usage;
    final String defValue;
    final List<String> values = new ArrayList<>();

    Flag(Kind kind, String usage, String defValue) {
      this.kind = kind;
      this.usage = usage;
      this.defValue = defValue;
    }
  }

  private final Map<String, Flag> flags = new TreeMap<>();
  private final List<String> rest = new ArrayList<>();
  private RcliOutput out;
  private Runnable usage;

  /** A flag set writing its errors and usage to {@code out}; {@code null} discards them. */
  GoFlags(RcliOutput out) {
    this.out = out;
  }

  /** What a parse error prints after its message, and what {@code -h} prints. */
  GoFlags usage(Runnable usage) {
    this.usage = usage;
    return this;
  }

  GoFlags discardOutput() {
    this.out = null;
    return this;
  }

  GoFlags bool(String name, String usage) {
    flags.put(name, new Flag(Kind.BOOL, usage, "false"));
    return this;
  }

  GoFlags string(String name, String usage) {
    flags.put(name, new Flag(Kind.STRING, usage, ""));
    return this;
  }

  GoFlags integer(String name, long defValue, String usage) {
    flags.put(name, new Flag(Kind.INT, usage, Long.toString(defValue)));
    return this;
  }

  /** A repeatable flag whose value prints as a Go slice ({@code []}). */
  GoFlags list(String name, String usage) {
    flags.put(name, new Flag(Kind.LIST, usage, "[]"));
    return this;
  }

  /** {@code -a}: stdin, stdout or stderr; prints as an empty Go map. */
  GoFlags attach(String name, String usage) {
    flags.put(name, new Flag(Kind.ATTACH, usage, "map[]"));
    return this;
  }

  /** {@code -v}: absolute paths; prints as an empty Go map. */
  GoFlags paths(String name, String usage) {
    flags.put(name, new Flag(Kind.PATHS, usage, "map[]"));
    return this;
  }

  void parse(List<String> args) throws ParseError {
    rest.clear();
    rest.addAll(args);
    while (parseOne()) {
      // one flag per round
    }
  }

  private boolean parseOne() throws ParseError {
    if (rest.isEmpty()) {
      return false;
    }
    String s = rest.get(0);
    if (s.length() < 2 || s.charAt(0) != '-') {
      return false;
    }
    int dashes = 1;
    if (s.charAt(1) == '-') {
      dashes++;
      if (s.length() == 2) {
        rest.remove(0);
        return false;
      }
    }
    String name = s.substring(dashes);
    if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
      throw fail("bad flag syntax: " + s);
    }
    rest.remove(0);
    String value = null;
    int eq = name.indexOf('=', 1);
    if (eq > 0) {
      value = name.substring(eq + 1);
      name = name.substring(0, eq);
    }
    Flag flag = flags.get(name);
    if (flag == null) {
      if (name.equals("help") || name.equals("h")) {
        printUsage();
        throw new ParseError(HELP_REQUESTED);
      }
      throw fail("flag provided but not defined: -" + name);
    }
    if (flag.kind == Kind.BOOL) {
      if (value == null) {
        flag.values.add("true");
      } else {
        String error = setBool(flag, value);
        if (error != null) {
          throw fail("invalid boolean value " + goQuote(value) + " for  -" + name + ": " + error);
        }
      }
      return true;
    }
    if (value == null && !rest.isEmpty()) {
      value = rest.remove(0);
    }
    if (value == null) {
      throw fail("flag needs an argument: -" + name);
    }
    String error = set(flag, value);
    if (error != null) {
      throw fail("invalid value " + goQuote(value) + " for flag -" + name + ": " + error);
    }
    return true;
  }

  private static String setBool(Flag flag, String value) {
    switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> flag.values.add("true");
      case "0", "f", "F", "FALSE", "false", "False" -> flag.values.add("false");
      default -> {
        return "strconv.ParseBool: parsing " + goQuote(value) + ": invalid syntax";
      }
    }
    return null;
  }

  private static String set(Flag flag, String value) {
    switch (flag.kind) {
      case INT -> {
        try {
          flag.values.add(Long.toString(parseInt(value)));
        } catch (NumberFormatException e) {
          return "strconv.ParseInt: parsing " + goQuote(value) + ": "
              + (value.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax");
        }
      }
      case ATTACH -> {
        if (!value.equals("stdin") && !value.equals("stdout") && !value.equals("stderr")) {
          return "Unsupported stream name: " + value;
        }
        flag.values.add(value);
      }
      case PATHS -> {
        if (!value.startsWith("/")) {
          return value + " is not an absolute path";
        }
        flag.values.add(value);
      }
      default -> flag.values.add(value);
    }
    return null;
  }

  /** {@code strconv.ParseInt(s, 0, 64)}: decimal, {@code 0x} hexadecimal or {@code 0} octal, with a sign. */
  private static long parseInt(String s) {
    String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    boolean negative = s.startsWith("-");
    long v;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      v = Long.parseLong(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      v = Long.parseLong(digits.substring(1), 8);
    } else if (!digits.isEmpty() && Character.isDigit(digits.charAt(0))) {
      v = Long.parseLong(digits);
    } else {
      throw new NumberFormatException(s);
    }
    return negative ? -v : v;
  }

  private ParseError fail(String message) {
    println(message);
    printUsage();
    return new ParseError(message);
  }

  private void println(String line) {
    if (out != null) {
      out.print(line + "\n");
    }
  }

  void printUsage() {
    if (out != null && usage != null) {
      usage.run();
    }
  }

  /** Go 1.0's {@code PrintDefaults}: {@code   -name=default: usage}, sorted by name, string defaults quoted. */
  void printDefaults() {
    if (out == null) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    flags.forEach((name, flag) -> sb.append("  -").append(name).append('=')
        .append(flag.kind == Kind.STRING ? goQuote(flag.defValue) : flag.defValue)
        .append(": ").append(flag.usage).append('\n'));
    out.print(sb.toString());
  }

  RcliOutput output() {
    return out;
  }

  /** The arguments after the flags. */
  List<String> args() {
    return List.copyOf(rest);
  }

  /** Argument {@code i} after the flags, or {@code ""}. */
  String arg(int i) {
    return i < rest.size() ? rest.get(i) : "";
  }

  int narg() {
    return rest.size();
  }

  boolean bool(String name) {
    List<String> v = flags.get(name).values;
    return !v.isEmpty() && v.get(v.size() - 1).equals("true");
  }

  String string(String name) {
    List<String> v = flags.get(name).values;
    return v.isEmpty() ? flags.get(name).defValue : v.get(v.size() - 1);
  }

  long integer(String name) {
    return Long.parseLong(string(name));
  }

  /** Every value given, in order (for a set such as {@code -a}, the distinct ones). */
  List<String> values(String name) {
    return List.copyOf(flags.get(name).values);
  }

  /** Go's {@code %q}: quotes, backslash escapes for quotes, backslashes and control characters; other text kept. */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    return sb.append('"').toString();
  }
}
