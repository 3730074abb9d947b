package io.mockdocker.internal.engine;

import io.mockdocker.registry.Healthcheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dockerfile's {@code HEALTHCHECK [--interval=… --timeout=… --start-period=… --start-interval=… --retries=…]
 * CMD …} and {@code HEALTHCHECK NONE}, read as the daemon's Dockerfile parser read them, and the history comment the
 * classic builder committed for it.
 */
final class HealthcheckInstruction {
  private static final List<String> FLAGS = List.of("interval", "timeout", "start-period", "start-interval",
      "retries");

  private HealthcheckInstruction() {}

  /** The check the instruction's arguments describe; a malformed one throws with the parser's text. */
  static Healthcheck parse(String args) {
    String rest = args.strip();
    List<String> flags = new ArrayList<>();
    while (rest.startsWith("--")) {
      String[] split = rest.split("\\s+", 2);
      rest = split.length > 1 ? split[1].strip() : "";
      if (split[0].equals("--")) {
        break;
      }
      flags.add(split[0]);
    }
    if (rest.isEmpty()) {
      throw new DockerException("HEALTHCHECK requires at least one argument");
    }
    String[] typeAndCommand = rest.split("\\s+", 2);
    String type = typeAndCommand[0].toUpperCase(java.util.Locale.ROOT);
    String command = typeAndCommand.length > 1 ? typeAndCommand[1].strip() : "";
    if (type.equals("NONE")) {
      if (!command.isEmpty()) {
        throw new DockerException("HEALTHCHECK NONE takes no arguments");
      }
      return Healthcheck.none();
    }
    Map<String, String> values = flags(flags);
    if (!type.equals("CMD")) {
      throw new DockerException("Unknown type \"" + typeAndCommand[0].toUpperCase(java.util.Locale.ROOT)
          + "\" in HEALTHCHECK (try CMD)");
    }
    List<String> test = new ArrayList<>();
    List<String> exec = Dockerfiles.execOrShell(command);
    if (exec.equals(List.of("/bin/sh", "-c", command))) { // not a JSON array: the shell form
      if (command.isEmpty()) {
        throw new DockerException("Missing command after HEALTHCHECK CMD");
      }
      test.add("CMD-SHELL");
      test.add(command);
    } else {
      if (exec.isEmpty()) {
        throw new DockerException("Missing command after HEALTHCHECK CMD");
      }
      test.add("CMD");
      test.addAll(exec);
    }
    return new Healthcheck(test, interval(values, "interval"), interval(values, "timeout"),
        interval(values, "start-period"), interval(values, "start-interval"), retries(values.get("retries")));
  }

  private static Map<String, String> flags(List<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      String name = eq < 0 ? flag : flag.substring(0, eq);
      if (!FLAGS.contains(name.substring(2))) {
        throw new DockerException("unknown flag: " + name);
      }
      if (values.containsKey(name.substring(2))) {
        throw new DockerException("duplicate flag specified: " + name);
      }
      if (eq < 0) {
        throw new DockerException("missing a value on flag: " + name);
      }
      values.put(name.substring(2), flag.substring(eq + 1));
    }
    return values;
  }

  private static Duration interval(Map<String, String> values, String name) {
    String value = values.getOrDefault(name, "");
    if (value.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d = GoDurations.parse(value);
    if (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new DockerException("Interval \"" + name + "\" cannot be less than 1ms");
    }
    return d;
  }

  private static int retries(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    int retries;
    try {
      retries = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new DockerException("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
    if (retries < 0) {
      throw new DockerException("--retries cannot be negative (" + retries + ")");
    }
    return retries;
  }

  /**
   * The history comment: {@code HEALTHCHECK &{["CMD-SHELL" "curl -f http://localhost/"] "5m0s" "3s" "0s" "0s"
   * '\x03'}}, the check printed as Go's {@code %q} printed the struct.
   */
  static String comment(Healthcheck h) {
    List<String> test = new ArrayList<>();
    h.test().forEach(t -> test.add(quote(t)));
    return "HEALTHCHECK &{[" + String.join(" ", test) + "] " + quote(GoDurations.format(h.interval())) + " "
        + quote(GoDurations.format(h.timeout())) + " " + quote(GoDurations.format(h.startPeriod())) + " "
        + quote(GoDurations.format(h.startInterval())) + " " + rune(h.retries()) + "}";
  }

  /** Go's {@code strconv.Quote} for the text a Dockerfile holds. */
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code %q} of an int: the character literal of that code point. */
  private static String rune(int r) {
    String body = switch (r) {
      case 7 -> "\\a";
      case 8 -> "\\b";
      case 9 -> "\\t";
      case 10 -> "\\n";
      case 11 -> "\\v";
      case 12 -> "\\f";
      case 13 -> "\\r";
      case '\'' -> "\\'";
      case '\\' -> "\\\\";
      default -> r < 0x20 || r == 0x7f ? String.format("\\x%02x", r)
          : r < 0x80 || Character.isLetterOrDigit(r) ? new String(Character.toChars(r)) : String.format("\\u%04x", r);
    };
    return "'" + body + "'";
  }
}
