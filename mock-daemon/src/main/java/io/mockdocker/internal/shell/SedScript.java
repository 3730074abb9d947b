package io.mockdocker.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@link Sed} script, parsed: its commands with their addresses and ranges, the {@code s} command's regular
 * expression, replacement and flags. What busybox's sed does not take, or this one does not support, is refused with
 * busybox's message ({@link Bad}).
 */
final class SedScript {
  /** One address: a line number, the last line, or a regular expression. */
  record Address(long line, boolean last, Pattern regex) {
    boolean matches(long number, boolean isLast, String space) {
      return regex != null ? regex.matcher(space).find() : last ? isLast : number == line;
    }
  }

  /** One command with its addresses; {@code active} is the state of its range. */
  static final class Cmd {
    Address from;
    Address to;
    boolean negate;
    char name;
    Pattern regex;
    String replacement;
    boolean global;
    boolean print;
    int occurrence = 1;
    int exitCode;
    boolean active;

    boolean selects(long number, boolean isLast, String space) {
      boolean hit;
      if (from == null) {
        hit = true;
      } else if (to == null) {
        hit = from.matches(number, isLast, space);
      } else if (active) {
        hit = true;
        if (to.regex == null && !to.last ? number >= to.line : to.matches(number, isLast, space)) {
          active = false;
        }
      } else if (from.matches(number, isLast, space)) {
        hit = true;
        active = !(to.regex == null && !to.last && to.line <= number) && !(to.last && isLast);
      } else {
        hit = false;
      }
      return hit != negate;
    }
  }

  /** A script that does not parse: the message busybox prints. */
  static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  private SedScript() {}

  /** The commands of {@code script} (several separated by newlines or {@code ;}), {@code extended} for {@code -E}. */
  static List<Cmd> parse(String script, boolean extended) throws Bad {
    List<Cmd> commands = new ArrayList<>();
    int[] at = {0};
    int n = script.length();
    while (true) {
      while (at[0] < n && (Character.isWhitespace(script.charAt(at[0])) || script.charAt(at[0]) == ';')) {
        at[0]++;
      }
      if (at[0] >= n) {
        return commands;
      }
      Cmd c = new Cmd();
      c.from = address(script, at, extended);
      if (c.from != null && at[0] < n && script.charAt(at[0]) == ',') {
        at[0]++;
        c.to = address(script, at, extended);
        if (c.to == null) {
          throw new Bad("unexpected ','");
        }
      }
      while (at[0] < n && script.charAt(at[0]) == ' ') {
        at[0]++;
      }
      if (at[0] < n && script.charAt(at[0]) == '!') {
        c.negate = true;
        at[0]++;
        while (at[0] < n && script.charAt(at[0]) == ' ') {
          at[0]++;
        }
      }
      if (at[0] >= n) {
        throw new Bad("missing command");
      }
      c.name = script.charAt(at[0]++);
      switch (c.name) {
        case 'p', 'd', '=' -> { }
        case 'q' -> {
          int start = at[0];
          while (at[0] < n && (script.charAt(at[0]) == ' ' || Character.isDigit(script.charAt(at[0])))) {
            at[0]++;
          }
          String code = script.substring(start, at[0]).strip();
          c.exitCode = code.isEmpty() ? 0 : Integer.parseInt(code) & 0xff;
        }
        case 's' -> substitution(script, at, c, extended);
        default -> throw new Bad("unsupported command " + c.name);
      }
      while (at[0] < n && script.charAt(at[0]) == ' ') {
        at[0]++;
      }
      if (at[0] < n && script.charAt(at[0]) == '}') {
        throw new Bad("unsupported command }");
      }
      if (at[0] < n && script.charAt(at[0]) != ';' && script.charAt(at[0]) != '\n') {
        throw new Bad("extra characters after command");
      }
      commands.add(c);
    }
  }

  private static Address address(String s, int[] at, boolean extended) throws Bad {
    int n = s.length();
    if (at[0] >= n) {
      return null;
    }
    char c = s.charAt(at[0]);
    if (Character.isDigit(c)) {
      int start = at[0];
      while (at[0] < n && Character.isDigit(s.charAt(at[0]))) {
        at[0]++;
      }
      return new Address(Long.parseLong(s.substring(start, at[0])), false, null);
    }
    if (c == '$') {
      at[0]++;
      return new Address(0, true, null);
    }
    if (c == '/' || c == '\\') {
      char delim = c == '\\' ? s.charAt(++at[0]) : '/';
      at[0]++;
      String re = delimited(s, at, delim, "unterminated address regex");
      return new Address(0, false, compile(re, extended, false));
    }
    return null;
  }

  private static void substitution(String s, int[] at, Cmd c, boolean extended) throws Bad {
    if (at[0] >= s.length()) {
      throw new Bad("bad format in substitution expression");
    }
    char delim = s.charAt(at[0]++);
    String re = delimited(s, at, delim, "bad format in substitution expression");
    String replacement = delimited(s, at, delim, "bad format in substitution expression");
    boolean ignoreCase = false;
    while (at[0] < s.length()) {
      char f = s.charAt(at[0]);
      if (f == 'g') {
        c.global = true;
      } else if (f == 'p') {
        c.print = true;
      } else if (f == 'I' || f == 'i') {
        ignoreCase = true;
      } else if (Character.isDigit(f)) {
        int start = at[0];
        while (at[0] + 1 < s.length() && Character.isDigit(s.charAt(at[0] + 1))) {
          at[0]++;
        }
        c.occurrence = Integer.parseInt(s.substring(start, at[0] + 1));
      } else if (f == ';' || f == '\n' || f == ' ' || f == '}') {
        break;
      } else {
        throw new Bad("bad option in substitution expression");
      }
      at[0]++;
    }
    c.regex = compile(re, extended, ignoreCase);
    c.replacement = replacement;
  }

  /** The text up to the next unescaped {@code delim}; an escaped delimiter stands for itself. */
  private static String delimited(String s, int[] at, char delim, String unterminated) throws Bad {
    StringBuilder out = new StringBuilder();
    while (at[0] < s.length()) {
      char c = s.charAt(at[0]++);
      if (c == delim) {
        return out.toString();
      }
      if (c == '\\' && at[0] < s.length()) {
        char d = s.charAt(at[0]++);
        if (d == delim) {
          out.append(d);
        } else if (d == 'n') {
          out.append("\\n");
        } else {
          out.append('\\').append(d);
        }
      } else {
        out.append(c);
      }
    }
    throw new Bad(unterminated);
  }

  private static Pattern compile(String re, boolean extended, boolean ignoreCase) throws Bad {
    try {
      return Pattern.compile(Regex.toJava(re, extended), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new Bad("bad regex '" + re + "'");
    }
  }
}
