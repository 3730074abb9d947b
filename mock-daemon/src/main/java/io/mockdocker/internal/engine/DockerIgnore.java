package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, matched as the daemon's pattern matcher does: one pattern a line,
 * {@code #} comments, a leading {@code !} for an exception, {@code *} and {@code ?} within a path element,
 * {@code **} across elements, a path excluded when it or one of its parent directories matches; the last matching
 * pattern decides.
 */
final class DockerIgnore {
  private record Rule(Pattern regex, boolean exception) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** The patterns of a {@code .dockerignore} file's text. */
  static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      if (exception) {
        line = line.substring(1).strip();
        if (line.isEmpty()) {
          throw new DockerException("error reading .dockerignore: illegal exclusion pattern: \"!\"");
        }
      }
      String cleaned = clean(line);
      if (cleaned.length() > 1 && cleaned.startsWith("/")) {
        cleaned = cleaned.substring(1);
      }
      rules.add(new Rule(regex(cleaned), exception));
    }
    return new DockerIgnore(rules);
  }

  /** Whether the context path (relative, with {@code /}) is excluded. */
  boolean excludes(String path) {
    boolean matched = false;
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
    String[] parentDirs = parent.split("/");
    for (Rule rule : rules) {
      if (rule.exception != matched) {
        continue;
      }
      boolean match = rule.regex.matcher(path).matches();
      if (!match && !parent.equals(".")) {
        StringBuilder dir = new StringBuilder();
        for (String element : parentDirs) {
          dir.append(dir.length() == 0 ? "" : "/").append(element);
          if (rule.regex.matcher(dir).matches()) {
            match = true;
            break;
          }
        }
      }
      if (match) {
        matched = !rule.exception;
      }
    }
    return matched;
  }

  /**
   * Removes what the context's {@code .dockerignore} excludes from the unpacked context (the file itself too when it
   * excludes itself); directories stay while something inside them is kept.
   */
  static void apply(Path context) {
    Path file = context.resolve(".dockerignore");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      DockerIgnore ignore = parse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8));
      Files.walkFileTree(context, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (ignore.excludes(relative(context, f))) {
            Files.delete(f);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (!dir.equals(context) && ignore.excludes(relative(context, dir))) {
            try (var children = Files.list(dir)) {
              if (children.findAny().isEmpty()) {
                Files.delete(dir);
              }
            }
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path context, Path path) {
    return context.relativize(path).toString().replace('\\', '/');
  }

  /** Go's filepath.Clean for a slash path. */
  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String element : path.split("/")) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (element.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
        continue;
      }
      out.add(element);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** The pattern as a regular expression: {@code **} any number of elements, {@code *} and {@code ?} within one. */
  private static Pattern regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
          }
          re.append(i + 1 >= pattern.length() ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (ch == '?') {
        re.append("[^/]");
      } else if (ch == '[') {
        int close = pattern.indexOf(']', i + 1);
        if (close < 0) {
          re.append("\\[");
        } else {
          String set = pattern.substring(i + 1, close);
          re.append('[').append(set.startsWith("^") ? "^" + set.substring(1).replace("\\", "\\\\")
              : set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = close;
        }
      } else if (ch == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    try {
      return Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new DockerException("error reading .dockerignore: syntax error in pattern");
    }
  }
}
