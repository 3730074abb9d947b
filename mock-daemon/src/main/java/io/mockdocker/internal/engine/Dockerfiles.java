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

  /** The Dockerfile's instruction lines: stripped, comments and blanks dropped, continuations joined (classic). */
  static List<String> lines(String dockerfile, boolean classic) {
    List<String> lines = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : dockerfile.split("\n", -1)) {
      String line = raw.strip().replaceFirst("\t", " ");
      if (classic) {
        if (line.startsWith("#") && pending.length() == 0) {
          continue;
        }
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        line = (pending + line).strip();
        pending.setLength(0);
      }
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      lines.add(line);
    }
    if (pending.length() > 0) {
      lines.add(pending.toString().strip());
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
