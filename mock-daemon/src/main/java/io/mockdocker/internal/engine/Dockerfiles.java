package io.mockdocker.internal.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading a Dockerfile: its instruction lines, and the argument forms its instructions take. */
final class Dockerfiles {
  private static final ObjectReader ARRAY = new ObjectMapper().readerFor(new TypeReference<List<String>>() {});

  private Dockerfiles() {}

  /** An instruction line of today's parser and the number of the physical line it starts on. */
  record Numbered(int number, String text) {}

  private static final java.util.regex.Pattern CONTINUATION = java.util.regex.Pattern.compile("\\\\[ \t]*$");

  /**
   * Today's parser's instruction lines: comments and blank lines dropped (inside a continuation too), a line ending
   * in {@code \} joined with the next one (its leading blanks removed), each trimmed, with its first line's number.
   */
  static List<Numbered> numbered(String dockerfile) {
    String[] raw = dockerfile.replace("\r\n", "\n").split("\n", -1);
    List<Numbered> out = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String part = raw[i].stripLeading();
      if (part.isBlank() || part.startsWith("#")) {
        continue;
      }
      int start = i + 1;
      StringBuilder line = new StringBuilder();
      while (part != null) {
        java.util.regex.Matcher m = CONTINUATION.matcher(part);
        if (!m.find()) {
          line.append(part);
          break;
        }
        line.append(part, 0, m.start());
        part = null;
        while (++i < raw.length) {
          String next = raw[i].stripLeading();
          if (!next.isBlank() && !next.startsWith("#")) {
            part = next;
            break;
          }
        }
      }
      if (!line.toString().isBlank()) {
        out.add(new Numbered(start, line.toString().strip()));
      }
    }
    return out;
  }

  /** The Dockerfile's instruction lines: stripped, comments and blanks dropped, continuations joined (classic). */
  static List<String> lines(String dockerfile, boolean classic) {
    if (classic) {
      return numbered(dockerfile).stream().map(Numbered::text).toList();
    }
    List<String> lines = new ArrayList<>();
    for (String raw : dockerfile.split("\n", -1)) {
      String line = raw.strip().replaceFirst("\t", " ");
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      lines.add(line);
    }
    return lines;
  }

  /** The exec form (a JSON array) or the shell form ({@code /bin/sh -c …}) of the era's CMD. */
  static List<String> execOrShell(String args) {
    List<String> array = jsonArray(args);
    return array != null ? array : List.of("/bin/sh", "-c", args);
  }

  /** The argument as a JSON array of strings, or {@code null} when it is not one. */
  private static List<String> jsonArray(String args) {
    try {
      return ARRAY.readValue(args);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Go's %v of a []string: {@code [a b c]}. */
  static String goList(List<String> list) {
    return "[" + String.join(" ", list == null ? List.of() : list) + "]";
  }
}
