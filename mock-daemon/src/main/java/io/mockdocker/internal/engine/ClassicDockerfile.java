package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classic builder's Dockerfile parser: the lines split into meta ARGs and stages ({@code FROM … AS name}), each
 * line checked as the daemon's parser checks it (unknown keywords with their suggestion, flags, argument counts,
 * forms) before anything runs.
 */
final class ClassicDockerfile {
  /** The instructions the classic builder knows (a line with any other fails the build before it starts). */
  static final Set<String> INSTRUCTIONS = Set.of("from", "maintainer", "run", "add", "copy", "arg", "env",
      "label", "cmd", "entrypoint", "expose", "user", "volume", "workdir", "onbuild", "shell", "healthcheck",
      "stopsignal");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

  /** A stage: its FROM line, the base it names, its own name (lower case, or {@code null}) and its other lines. */
  record Stage(DockerfileLine from, String baseName, String name, List<DockerfileLine> commands) {}

  private ClassicDockerfile() {}

  /** The Dockerfile's meta ARGs (before the first FROM) and its stages; a malformed line fails the build. */
  static List<Stage> parse(String dockerfile, List<DockerfileLine> metaArgs) {
    List<Stage> stages = new ArrayList<>();
    for (Dockerfiles.Numbered numbered : Dockerfiles.numbered(dockerfile)) {
      int number = numbered.number();
      DockerfileLine line = DockerfileLine.parse(numbered.text());
      try {
        if (!INSTRUCTIONS.contains(line.name())) {
          throw new InvalidInstruction(unknown(line.keyword()));
        }
        if (line.name().equals("from")) {
          stages.add(stage(line));
        } else if (stages.isEmpty() && line.name().equals("arg")) {
          check(line);
          metaArgs.add(line);
        } else if (stages.isEmpty()) {
          throw new InvalidInstruction("no build stage in current context");
        } else {
          check(line);
          stages.get(stages.size() - 1).commands().add(line);
        }
      } catch (InvalidInstruction e) {
        throw new InvalidInstruction("dockerfile parse error on line " + number + ": " + e.getMessage());
      }
    }
    return stages;
  }

  /** The parser's text for an unknown keyword, with its suggestion when a known one is within two edits. */
  private static String unknown(String keyword) {
    String lower = keyword.toLowerCase(Locale.ROOT);
    String match = null;
    int best = 3;
    for (String known : KNOWN_TO_THE_PARSER) {
      int distance = levenshtein(lower, known);
      if (distance < best) {
        best = distance;
        match = known;
      }
    }
    String message = "unknown instruction: " + keyword;
    if (match == null) {
      return message;
    }
    return message + " (did you mean " + (keyword.equals(keyword.toUpperCase(Locale.ROOT))
        ? match.toUpperCase(Locale.ROOT) : match) + "?)";
  }

  /** Every keyword today's parser knows, in its order (the suggestion is the first closest one). */
  private static final List<String> KNOWN_TO_THE_PARSER = List.of("add", "arg", "cmd", "copy", "entrypoint", "env",
      "expose", "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user",
      "volume", "workdir");

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** What the parser refuses in a line before anything runs (flags, argument counts, forms). */
  private static void check(DockerfileLine line) {
    switch (line.name()) {
      case "run" -> {
        line.flags(Set.of("mount", "network", "security"));
        DockerfileLine.jsonArray(line.rest());
      }
      case "add", "copy" -> {
        line.flags(line.name().equals("add") ? Set.of("chown", "chmod", "link", "keep-git-dir", "checksum")
            : Set.of("chown", "chmod", "link", "from"));
        if (DockerfileLine.jsonOrWords(line.rest()).size() < 2) {
          throw new InvalidInstruction(line.name().toUpperCase(Locale.ROOT) + " requires at least two arguments, "
              + "but only one was provided. Destination could not be determined");
        }
      }
      case "arg" -> {
        List<String> words = DockerfileLine.words(line.rest());
        if (words.isEmpty()) {
          throw new InvalidInstruction("ARG requires at least one argument");
        }
        if (words.stream().anyMatch(w -> w.startsWith("="))) {
          throw new InvalidInstruction("ARG names can not be blank");
        }
      }
      case "maintainer" -> {
        if (line.rest().isEmpty()) {
          throw new InvalidInstruction("MAINTAINER requires exactly one argument");
        }
      }
      default -> ConfigInstructions.check(line);
    }
  }

  private static Stage stage(DockerfileLine line) {
    line.flags(Set.of("platform"));
    String[] words = line.rest().isEmpty() ? new String[0] : line.rest().split("\\s+");
    String name = null;
    if (words.length == 3 && words[1].equalsIgnoreCase("as")) {
      name = words[2].toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw new InvalidInstruction("invalid name for build stage: \"" + words[2]
            + "\", name can't start with a number or contain symbols");
      }
    } else if (words.length != 1) {
      throw new InvalidInstruction("FROM requires either one or three arguments");
    }
    return new Stage(line, words[0], name, new ArrayList<>());
  }
}
