package io.mockdocker.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of a Dockerfile {@code LABEL}: {@code key=value} pairs separated by blanks, keys and values
 * optionally in double quotes (with {@code \"} inside), or the old {@code LABEL key value} form.
 */
final class BuildLabels {
  private BuildLabels() {}

  static Map<String, String> parse(String args) {
    String text = args.strip();
    Map<String, String> labels = new LinkedHashMap<>();
    if (!text.contains("=")) {
      String[] kv = text.split("\\s+", 2);
      if (kv.length != 2) {
        throw new DockerException("LABEL requires at least one argument");
      }
      labels.put(unquote(kv[0]), unquote(kv[1].strip()));
      return labels;
    }
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= text.length()) {
        break;
      }
      StringBuilder key = new StringBuilder();
      i = word(text, i, key, '=');
      if (i >= text.length() || text.charAt(i) != '=') {
        throw new DockerException("Syntax error - can't find = in \"" + key + "\". Must be of the form: name=value");
      }
      StringBuilder value = new StringBuilder();
      i = word(text, i + 1, value, ' ');
      labels.put(key.toString(), value.toString());
    }
    return labels;
  }

  /** Reads one word up to {@code stop} or a blank outside quotes; returns the index after it. */
  private static int word(String text, int i, StringBuilder out, char stop) {
    boolean quoted = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < text.length()) {
        out.append(text.charAt(++i));
      } else if (!quoted && (c == stop || Character.isWhitespace(c))) {
        return i;
      } else {
        out.append(c);
      }
      i++;
    }
    return i;
  }

  /** A word in double quotes, with {@code "} and {@code \\} escaped: what {@link #parse} reads back. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
