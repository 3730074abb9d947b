package io.mockdocker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One instruction of a Dockerfile as today's parser splits it: the keyword as written, its {@code --flags}, the rest
 * of the line, and the line itself (what {@code Step n/m :} prints). The argument forms are read here; variables
 * are substituted later, by {@link ShellLex}, when the instruction runs.
 *
 * @param keyword the instruction as written ({@code RUN}, {@code run}, …)
 * @param flags the {@code --name[=value]} words before the arguments, quotes removed
 * @param rest the arguments after the flags, trimmed
 * @param original the whole line, trimmed
 */
record DockerfileLine(String keyword, List<String> flags, String rest, String original) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The keyword in lower case. */
  String name() {
    return keyword.toLowerCase(Locale.ROOT);
  }

  static DockerfileLine parse(String line) {
    String trimmed = line.strip();
    String[] parts = trimmed.split("\\s+", 2);
    if (parts.length < 2) {
      return new DockerfileLine(parts[0], List.of(), "", trimmed);
    }
    List<String> flags = new ArrayList<>();
    String rest = extractFlags(parts[1], flags);
    return new DockerfileLine(parts[0], List.copyOf(flags), rest.strip(), trimmed);
  }

  /** Reads leading {@code --flag} words into {@code flags}; returns what follows them. */
  private static String extractFlags(String line, List<String> flags) {
    int pos = 0;
    while (true) {
      while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
        pos++;
      }
      if (pos >= line.length()) {
        return "";
      }
      if (!line.startsWith("--", pos)) {
        return line.substring(pos);
      }
      StringBuilder word = new StringBuilder();
      char quote = 0;
      while (pos < line.length()) {
        char ch = line.charAt(pos);
        if (quote == 0 && Character.isWhitespace(ch)) {
          break;
        }
        if (quote == 0 && (ch == '\'' || ch == '"')) {
          quote = ch;
        } else if (quote != 0 && ch == quote) {
          quote = 0;
        } else if (ch == '\\' && pos + 1 < line.length()) {
          word.append(line.charAt(++pos));
        } else {
          word.append(ch);
        }
        pos++;
      }
      if (word.toString().equals("--")) {
        return line.substring(pos);
      }
      flags.add(word.toString());
    }
  }

  /**
   * The flags by name, checked against the ones this instruction knows ({@code unknown flag: x} otherwise); a flag
   * without a value maps to {@code "true"}.
   */
  Map<String, String> flags(Set<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String flag : flags) {
      if (!flag.startsWith("--")) {
        throw new InvalidInstruction("arg should start with -- : " + flag);
      }
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!known.contains(name)) {
        throw new InvalidInstruction("unknown flag: " + name);
      }
      if (out.containsKey(name)) {
        throw new InvalidInstruction("duplicate flag specified: " + name);
      }
      out.put(name, eq < 0 ? "true" : body.substring(eq + 1));
    }
    return out;
  }

  /**
   * The parser's words: split at blanks outside quotes, quotes and escapes kept (the lexer removes them when it
   * substitutes).
   */
  static List<String> words(String rest) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    for (int pos = 0; pos < rest.length(); pos++) {
      char ch = rest.charAt(pos);
      if (quote == 0) {
        if (Character.isWhitespace(ch)) {
          if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
          }
          word.setLength(0);
          inWord = false;
          blankOk = false;
          continue;
        }
        inWord = true;
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
        } else if (ch == '\\') {
          if (pos + 1 == rest.length()) {
            continue;
          }
          word.append(ch);
          ch = rest.charAt(++pos);
        }
        word.append(ch);
      } else {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote != '\'') {
          if (pos + 1 == rest.length()) {
            continue;
          }
          word.append(ch);
          ch = rest.charAt(++pos);
        }
        word.append(ch);
      }
    }
    if (inWord && (blankOk || word.length() > 0)) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * ENV's and LABEL's pairs: {@code key=value …} words, or the old {@code key value} form (the value is the rest of
   * the line). Keys and values are still to be substituted.
   */
  static List<String[]> nameValues(String rest, String keyword) {
    List<String> words = words(rest);
    if (words.isEmpty()) {
      throw new InvalidInstruction(keyword + " requires at least one argument");
    }
    List<String[]> pairs = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = rest.split("\\s+", 2);
      if (parts.length < 2) {
        throw new InvalidInstruction(keyword + " must have two arguments");
      }
      pairs.add(new String[] {parts[0], parts[1]});
      return pairs;
    }
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new InvalidInstruction("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
      }
      if (eq == 0) {
        throw new InvalidInstruction(keyword + " names can not be blank");
      }
      pairs.add(new String[] {word.substring(0, eq), word.substring(eq + 1)});
    }
    return pairs;
  }

  /**
   * The arguments as a JSON array of strings, or {@code null} when they are not one (then the shell form applies).
   * An array of something else than strings is an error, as the parser has it.
   */
  static List<String> jsonArray(String rest) {
    String text = rest.stripLeading();
    if (!text.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new InvalidInstruction("when using JSON array syntax, arrays must be comprised of strings only");
      }
      out.add(n.asText());
    }
    return out;
  }

  /** VOLUME's, ADD's and COPY's list: a JSON array, or words separated by blanks. */
  static List<String> jsonOrWords(String rest) {
    List<String> array = jsonArray(rest);
    if (array != null) {
      return array;
    }
    return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
  }
}
