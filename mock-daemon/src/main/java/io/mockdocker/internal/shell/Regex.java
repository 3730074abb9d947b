package io.mockdocker.internal.shell;

/**
 * POSIX regular expressions as grep, sed and awk take them, turned into {@link java.util.regex.Pattern} syntax:
 * in a basic expression {@code \( \) \{ \} \| \+ \?} are the operators and the bare characters literal; in an
 * extended one the reverse. Bracket expressions keep their POSIX classes ({@code [[:digit:]]}).
 */
final class Regex {
  private Regex() {}

  static String toJava(String posix, boolean extended) {
    StringBuilder out = new StringBuilder();
    int n = posix.length();
    for (int i = 0; i < n; i++) {
      char c = posix.charAt(i);
      if (c == '[') {
        i = bracket(posix, i, out);
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        char d = posix.charAt(++i);
        if (!extended && "(){}|+?".indexOf(d) >= 0) {
          out.append(d);
        } else if (d == '<') {
          out.append("\\b(?=\\w)");
        } else if (d == '>') {
          out.append("\\b(?<=\\w)");
        } else if (Character.isDigit(d) || "wWsSbBnt".indexOf(d) >= 0) {
          out.append('\\').append(d);
        } else {
          out.append(java.util.regex.Pattern.quote(String.valueOf(d)));
        }
        continue;
      }
      if (!extended && "(){}|+?".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (c == '*' && (out.length() == 0 || i == 0 || (!extended && posix.startsWith("\\(", i - 2)))) {
        out.append("\\*");
      } else if (c == '{' && extended && (i + 1 >= n || !Character.isDigit(posix.charAt(i + 1)))) {
        out.append("\\{");
      } else if (c == '}' && extended && out.lastIndexOf("{") < 0) {
        out.append("\\}");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Copies the bracket expression starting at {@code start}; returns the index of its closing {@code ]}. */
  private static int bracket(String s, int start, StringBuilder out) {
    int i = start + 1;
    StringBuilder set = new StringBuilder("[");
    if (i < s.length() && s.charAt(i) == '^') {
      set.append('^');
      i++;
    }
    boolean first = true;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ']' && !first) {
        out.append(set).append(']');
        return i;
      }
      first = false;
      if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
        int end = s.indexOf(":]", i + 2);
        if (end > 0) {
          String name = s.substring(i + 2, end);
          set.append(switch (name) {
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "0-9";
            case "alnum" -> "\\p{Alnum}";
            case "upper" -> "\\p{Upper}";
            case "lower" -> "\\p{Lower}";
            case "space" -> "\\s";
            case "blank" -> " \\t";
            case "punct" -> "\\p{Punct}";
            case "xdigit" -> "0-9A-Fa-f";
            case "print" -> "\\p{Print}";
            case "graph" -> "\\p{Graph}";
            case "cntrl" -> "\\p{Cntrl}";
            default -> "";
          });
          i = end + 1;
          continue;
        }
      }
      if (c == '\\' || c == '[' || c == '&' || c == '~' || c == '^' && set.length() > 1) {
        set.append('\\');
      }
      set.append(c);
    }
    out.append("\\[");
    return start;
  }
}
