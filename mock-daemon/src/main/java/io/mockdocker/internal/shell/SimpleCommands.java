package io.mockdocker.internal.shell;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** echo, env, hostname, date, pwd and sleep, as GNU coreutils print them. */
final class SimpleCommands {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([smhd]?)");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss '%Z' yyyy", Locale.US);

  private SimpleCommands() {}

  /** {@code echo [-neE]... ARGS}: arguments joined by one space, then a newline unless {@code -n}. */
  static int echo(Proc p) throws IOException {
    List<String> args = p.operands();
    boolean newline = true;
    boolean escapes = false;
    int k = 0;
    for (; k < args.size(); k++) {
      String a = args.get(k);
      if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).chars().allMatch(c -> "neE".indexOf(c) >= 0)) {
        break;
      }
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'n') {
          newline = false;
        } else {
          escapes = c == 'e';
        }
      }
    }
    String text = String.join(" ", args.subList(k, args.size()));
    if (escapes) {
      int stop = text.indexOf("\\c");
      if (stop >= 0) {
        text = text.substring(0, stop);
        newline = false;
      }
      text = unescape(text);
    }
    p.out(newline ? text + "\n" : text);
    return 0;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\007');
        case 'b' -> out.append('\b');
        case 'e' -> out.append('\033');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\013');
        case '\\' -> out.append('\\');
        case '0' -> {
          int value = 0;
          int digits = 0;
          while (digits < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
            value = value * 8 + (s.charAt(++i) - '0');
            digits++;
          }
          out.append((char) value);
        }
        default -> out.append('\\').append(e);
      }
    }
    return out.toString();
  }

  /**
   * {@code env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARGS]]}: prints {@code NAME=VALUE} lines, or runs
   * COMMAND.
   */
  static int env(Proc p) throws IOException, InterruptedException {
    List<String> args = p.operands();
    Map<String, String> env = new LinkedHashMap<>(p.state().environment());
    int k = 0;
    for (; k < args.size() && args.get(k).startsWith("-"); k++) {
      String a = args.get(k);
      if (a.equals("-i") || a.equals("-")) {
        env.clear();
      } else if (a.equals("-u") && k + 1 < args.size()) {
        env.remove(args.get(++k));
      } else if (a.startsWith("-u") && a.length() > 2) {
        env.remove(a.substring(2));
      } else if (a.equals("--")) {
        k++;
        break;
      } else {
        String why = a.equals("-u") ? "option requires an argument -- 'u'" : "invalid option -- '" + a.charAt(1) + "'";
        return Options.usage(p, why, "env [-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]");
      }
    }
    for (; k < args.size() && args.get(k).indexOf('=') > 0; k++) {
      String a = args.get(k);
      env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    if (k == args.size()) {
      StringBuilder out = new StringBuilder();
      env.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
      p.out(out.toString());
      return 0;
    }
    List<String> command = args.subList(k, args.size());
    if (!Commands.isProgram(command.get(0))) {
      p.err("env: " + command.get(0) + ": No such file or directory\n");
      return 127;
    }
    ShellState state = ShellState.of(env, p.state().cwd(), List.of(command.get(0)));
    return Commands.exec(new Proc(new ArrayList<>(command), state, p.io(), p.ctx()));
  }

  static int hostname(Proc p) throws IOException {
    p.out(p.ctx().hostname() + "\n");
    return 0;
  }

  static int pwd(Proc p) throws IOException {
    p.out(p.state().cwd() + "\n");
    return 0;
  }

  /** {@code date [-u] [+FORMAT]}: default {@code Sat Jun 15 12:00:00 UTC 2013}, in the clock's zone. */
  static int date(Proc p) throws IOException {
    ZoneId zone = p.clock().zone();
    String format = null;
    for (String a : p.operands()) {
      if (a.equals("-u") || a.equals("--utc") || a.equals("--universal")) {
        zone = ZoneOffset.UTC;
      } else if (a.startsWith("+") && format == null) {
        format = a.substring(1);
      } else {
        p.err("date: invalid date `" + a + "'\n");
        return 1;
      }
    }
    ZonedDateTime now = p.clock().now().atZone(zone);
    p.out((format == null ? DATE.format(now).replace("%Z", zoneName(now)) : strftime(format, now)) + "\n");
    return 0;
  }

  private static String zoneName(ZonedDateTime t) {
    if (t.getZone() instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC" : offset.getId();
    }
    return DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
  }

  private static String strftime(String format, ZonedDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      String pattern = switch (d) {
        case 'Y' -> "yyyy";
        case 'y' -> "yy";
        case 'm' -> "MM";
        case 'd' -> "dd";
        case 'e' -> "ppd";
        case 'H' -> "HH";
        case 'I' -> "hh";
        case 'M' -> "mm";
        case 'S' -> "ss";
        case 'a' -> "EEE";
        case 'A' -> "EEEE";
        case 'b', 'h' -> "MMM";
        case 'B' -> "MMMM";
        case 'p' -> "a";
        case 'j' -> "DDD";
        case 'z' -> "xx";
        case 'T' -> "HH:mm:ss";
        case 'D' -> "MM/dd/yy";
        case 'F' -> "yyyy-MM-dd";
        case 'R' -> "HH:mm";
        default -> null;
      };
      if (pattern != null) {
        out.append(DateTimeFormatter.ofPattern(pattern, Locale.US).format(t));
      } else {
        switch (d) {
          case 's' -> out.append(t.toEpochSecond());
          case 'N' -> out.append(String.format("%09d", t.getNano()));
          case 'Z' -> out.append(zoneName(t));
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '%' -> out.append('%');
          default -> out.append('%').append(d);
        }
      }
    }
    return out.toString();
  }

  /** {@code sleep NUMBER[smhd]...}: waits the sum on the clock. */
  static int sleep(Proc p) throws IOException, InterruptedException {
    if (p.operands().isEmpty()) {
      return p.usage("missing operand", 1);
    }
    BigDecimal seconds = BigDecimal.ZERO;
    for (String a : p.operands()) {
      Matcher m = INTERVAL.matcher(a);
      if (!m.matches()) {
        return p.usage("invalid time interval `" + a + "'", 1);
      }
      int unit = switch (m.group(2)) {
        case "m" -> 60;
        case "h" -> 3600;
        case "d" -> 86400;
        default -> 1;
      };
      seconds = seconds.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
    }
    BigInteger nanos = seconds.movePointRight(9).toBigInteger();
    long capped = nanos.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    p.clock().sleep(Duration.ofNanos(capped));
    return 0;
  }
}
