package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The builder's word processing for the instructions that substitute variables (ENV, LABEL, ARG, ADD, COPY,
 * WORKDIR, USER, VOLUME, EXPOSE, STOPSIGNAL, FROM): single quotes keep their text, double quotes and bare text
 * expand {@code $NAME} and {@code ${NAME}} with the modifiers {@code :-} {@code -} {@code :+} {@code +} {@code :?}
 * {@code ?} {@code #} {@code ##} {@code %} {@code %%} {@code /} {@code //}; the escape character {@code \} takes the
 * next character literally. An unset variable is empty. Errors read as the daemon's, {@code failed to process "…":
 * …}, and fail the step.
 */
final class ShellLex {
  private static final char ESCAPE = '\\';
  private static final int EOF = -1;

  private final String text;
  private final Map<String, String> env;
  private int pos;

  private ShellLex(String text, Map<String, String> env) {
    this.text = text;
    this.env = env;
  }

  /** The word with its quotes removed and its variables substituted. */
  static String processWord(String word, Map<String, String> env) {
    return new ShellLex(word, env).run().result;
  }

  /** The word substituted and split at unquoted blanks (EXPOSE's {@code $PORTS} may be several ports). */
  static List<String> processWords(String word, Map<String, String> env) {
    return new ShellLex(word, env).run().words;
  }

  private record Processed(String result, List<String> words) {}

  private Processed run() {
    try {
      return stopOn(EOF, false);
    } catch (LexError e) {
      throw new DockerException("failed to process \"" + text + "\": " + e.getMessage());
    }
  }

  private static final class LexError extends RuntimeException {
    LexError(String message) {
      super(message, null, false, false);
    }
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : EOF;
  }

  private int next() {
    return pos < text.length() ? text.charAt(pos++) : EOF;
  }

  /** Words split at blanks that came from text or from a variable, not from quotes. */
  private static final class Words {
    final List<String> words = new ArrayList<>();
    final StringBuilder buf = new StringBuilder();
    boolean inWord;

    void addChar(char ch) {
      if (Character.isWhitespace(ch)) {
        if (inWord && buf.length() > 0) {
          words.add(buf.toString());
          buf.setLength(0);
          inWord = false;
        }
      } else {
        addRaw(ch);
      }
    }

    void addRaw(char ch) {
      buf.append(ch);
      inWord = true;
    }

    void addString(String s) {
      s.chars().forEach(c -> addChar((char) c));
    }

    void addRawString(String s) {
      buf.append(s);
      inWord = true;
    }

    List<String> get() {
      if (buf.length() > 0) {
        words.add(buf.toString());
        buf.setLength(0);
      }
      return words;
    }
  }

  private Processed stopOn(int stop, boolean rawEscapes) {
    StringBuilder result = new StringBuilder();
    Words words = new Words();
    while (peek() != EOF) {
      int ch = peek();
      if (stop != EOF && ch == stop) {
        next();
        return new Processed(result.toString(), words.get());
      }
      if (ch == '$') {
        String value = dollar();
        result.append(value);
        words.addString(value);
      } else if (ch == '\'') {
        String value = singleQuoted();
        result.append(value);
        words.addRawString(value);
      } else if (ch == '"') {
        String value = doubleQuoted();
        result.append(value);
        words.addRawString(value);
      } else {
        next();
        if (ch == ESCAPE) {
          if (rawEscapes) {
            words.addRaw((char) ch);
            result.append((char) ch);
          }
          ch = next();
          if (ch == EOF) {
            break;
          }
          words.addRaw((char) ch);
        } else {
          words.addChar((char) ch);
        }
        result.append((char) ch);
      }
    }
    if (stop != EOF) {
      throw new LexError("unexpected end of statement while looking for matching " + (char) stop);
    }
    return new Processed(result.toString(), words.get());
  }

  private String singleQuoted() {
    next();
    StringBuilder out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == EOF) {
        throw new LexError("unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        return out.toString();
      }
      out.append((char) ch);
    }
  }

  private String doubleQuoted() {
    next();
    StringBuilder out = new StringBuilder();
    while (true) {
      int ch = peek();
      if (ch == EOF) {
        throw new LexError("unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        next();
        return out.toString();
      }
      if (ch == '$') {
        out.append(dollar());
        continue;
      }
      next();
      if (ch == ESCAPE) {
        int after = peek();
        if (after == EOF) {
          continue;
        }
        if (after == '"' || after == '$' || after == ESCAPE) {
          ch = next();
        }
      }
      out.append((char) ch);
    }
  }

  private String dollar() {
    next();
    if (peek() != '{') {
      String name = name();
      return name.isEmpty() ? "$" : env.getOrDefault(name, "");
    }
    next();
    int first = peek();
    if (first == EOF) {
      throw new LexError("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new LexError("syntax error: bad substitution");
    }
    String name = name();
    int ch = next();
    String modifier = ch == EOF ? "\uFFFD" : String.valueOf((char) ch); // Go prints EOF's rune so
    boolean nullIsUnset = false;
    if (ch == '}') {
      return env.getOrDefault(name, "");
    }
    if (ch == '/') {
      return replace(name);
    }
    if (ch == ':') {
      nullIsUnset = true;
      ch = next();
      modifier += ch == EOF ? "\uFFFD" : String.valueOf((char) ch);
    }
    if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
      throw new LexError("unsupported modifier (" + modifier + ") in substitution");
    }
    boolean trim = ch == '#' || ch == '%';
    if (nullIsUnset && trim) {
      throw new LexError("unsupported modifier (" + modifier + ") in substitution");
    }
    String word;
    try {
      word = stopOn('}', trim).result;
    } catch (LexError e) {
      if (peek() == EOF) {
        throw new LexError("syntax error: missing '}'");
      }
      throw e;
    }
    String value = env.get(name);
    boolean set = value != null;
    boolean empty = !set || nullIsUnset && value.isEmpty();
    switch (ch) {
      case '-':
        return empty ? word : value;
      case '+':
        return empty ? "" : word;
      case '?':
        if (!set) {
          throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (nullIsUnset && value.isEmpty()) {
          throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
      default:
        boolean greedy = !word.isEmpty() && word.charAt(0) == ch;
        String pattern = greedy ? word.substring(1) : word;
        String v = set ? value : "";
        if (ch == '#') {
          return trimPrefix(pattern, v, greedy);
        }
        return reverse(trimPrefix(reversePattern(pattern), reverse(v), greedy));
    }
  }

  private String replace(String name) {
    boolean all = peek() == '/';
    if (all) {
      next();
    }
    String pattern;
    String replacement;
    try {
      pattern = stopOn('/', true).result;
    } catch (LexError e) {
      if (peek() == EOF) {
        throw new LexError("syntax error: missing '/' in ${}");
      }
      throw e;
    }
    try {
      replacement = stopOn('}', true).result;
    } catch (LexError e) {
      if (peek() == EOF) {
        throw new LexError("syntax error: missing '}'");
      }
      throw e;
    }
    String value = env.getOrDefault(name, "");
    Pattern re = glob(pattern, true, false);
    var m = re.matcher(value);
    if (all) {
      return m.replaceAll(java.util.regex.Matcher.quoteReplacement(replacement));
    }
    return m.find() ? value.substring(0, m.start()) + replacement + value.substring(m.end()) : value;
  }

  private String name() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      char ch = (char) peek();
      if (name.length() == 0 && Character.isDigit(ch)) {
        while (peek() != EOF && Character.isDigit((char) peek())) {
          name.append((char) next());
        }
        return name.toString();
      }
      if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
        next();
        return String.valueOf(ch);
      }
      if (!Character.isLetterOrDigit(ch) && ch != '_') {
        break;
      }
      name.append((char) next());
    }
    return name.toString();
  }

  private static String trimPrefix(String pattern, String value, boolean greedy) {
    var m = glob(pattern, greedy, true).matcher(value);
    return m.find() ? value.substring(m.end()) : value;
  }

  /** A shell pattern ({@code *}, {@code ?}, {@code \} escapes) as a regular expression. */
  private static Pattern glob(String pattern, boolean greedy, boolean anchored) {
    StringBuilder out = new StringBuilder(anchored ? "^" : "");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> out.append(greedy ? ".*" : ".*?");
        case '?' -> out.append('.');
        case '\\' -> {
          if (i + 1 < pattern.length()) {
            char n = pattern.charAt(++i);
            if (n != '}' && n != '/' && n != '*' && n != '?' && n != '\\') {
              throw new LexError("invalid pattern (" + pattern + ") in substitution: invalid escape '\\" + n + "'");
            }
            out.append(Pattern.quote(String.valueOf(n)));
          }
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(out.toString(), Pattern.DOTALL);
  }

  private static String reversePattern(String pattern) {
    char[] in = pattern.toCharArray();
    char[] out = new char[in.length];
    int last = in.length - 1;
    for (int i = 0; i <= last;) {
      if (in[i] == '\\' && i != last) {
        out[last - i - 1] = in[i];
        out[last - i] = in[i + 1];
        i += 2;
      } else {
        out[last - i] = in[i];
        i++;
      }
    }
    return new String(out);
  }

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
