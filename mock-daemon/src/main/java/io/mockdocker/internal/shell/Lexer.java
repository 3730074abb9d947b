package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.Arith;
import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Param;
import io.mockdocker.internal.shell.Ast.ParamOp;
import io.mockdocker.internal.shell.Ast.Part;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The word level of the mini shell's parser: a cursor over the script, words with their quoting, parameters and
 * arithmetic, blanks and comments, reserved words, and the names dash gives tokens in its syntax errors.
 */
class Lexer {
  static final String METACHARS = " \t\n;&|<>()";
  private static final String SPECIAL_PARAMS = "?#$@*!-";
  /** Reserved words that start a compound command. */
  static final Set<String> OPENERS = Set.of("if", "while", "until", "for", "case", "{");
  /** Reserved words that end a list (and cannot start a command). */
  static final Set<String> CLOSERS = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");

  final String s;
  int i;

  Lexer(String source) {
    this.s = source;
  }

  /**
   * The reserved word at the cursor, or null: a word written without quotes, {@code $} or escapes that is one of
   * the shell's reserved words (only meaningful where a command starts).
   */
  final String keyword() {
    int j = i;
    while (j < s.length() && METACHARS.indexOf(s.charAt(j)) < 0) {
      if ("'\"\\$`".indexOf(s.charAt(j)) >= 0) {
        return null;
      }
      j++;
    }
    String w = s.substring(i, j);
    return OPENERS.contains(w) || CLOSERS.contains(w) || w.equals("in") || w.equals("!") ? w : null;
  }

  /** Whether {@code keyword} (may be null) ends a list. */
  static boolean isCloser(String keyword) {
    return keyword != null && CLOSERS.contains(keyword);
  }

  /** Consumes the plain word {@code w} (a reserved word the cursor is on). */
  final void consume(String w) {
    i += w.length();
  }

  /** How dash names the token at the cursor in a syntax error. */
  final String tokenHere() {
    if (atEnd()) {
      return "end of file";
    }
    for (String op : List.of(";;", "&&", "||", ">>", "<<", ">&", "<&")) {
      if (startsWith(op)) {
        return "\"" + op + "\"";
      }
    }
    char c = s.charAt(i);
    if (c == '\n') {
      return "newline";
    }
    if (METACHARS.indexOf(c) >= 0) {
      return "\"" + c + "\"";
    }
    String kw = keyword();
    return kw != null ? "\"" + kw + "\"" : "word";
  }

  /** The token at the cursor is not allowed here. */
  final SyntaxError unexpectedHere() {
    return SyntaxError.unexpected(tokenHere(), null);
  }

  /** The token at the cursor is not the {@code expected} one. */
  final SyntaxError expected(String expected) {
    return SyntaxError.unexpected(tokenHere(), "\"" + expected + "\"");
  }

  final Word word() throws SyntaxError {
    List<Part> parts = new ArrayList<>();
    parts(parts, false, false);
    return new Word(List.copyOf(parts));
  }

  /**
   * The parts of a word up to an unquoted metacharacter, or (in {@code braced}) up to the {@code }} that closes a
   * {@code ${NAME OP WORD}}, which it consumes; {@code quoted} when the whole is inside double quotes.
   */
  private void parts(List<Part> parts, boolean braced, boolean quoted) throws SyntaxError {
    StringBuilder literal = new StringBuilder();
    while (true) {
      if (atEnd()) {
        if (braced) {
          throw new SyntaxError("Syntax error: Missing '}'", true);
        }
        break;
      }
      char c = s.charAt(i);
      if (braced ? c == '}' : METACHARS.indexOf(c) >= 0) {
        i += braced ? 1 : 0;
        break;
      }
      if (c == '\\') {
        if (i + 1 == s.length()) {
          literal.append(c);
          i++;
        } else if (s.charAt(i + 1) == '\n') {
          i += 2;
        } else {
          flush(literal, parts, quoted);
          parts.add(new Literal(String.valueOf(s.charAt(i + 1)), true));
          i += 2;
        }
      } else if (c == '\'' && !quoted) {
        flush(literal, parts, false);
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new SyntaxError("Syntax error: Unterminated quoted string", true);
        }
        parts.add(new Literal(s.substring(i + 1, end), true));
        i = end + 1;
      } else if (c == '"') {
        flush(literal, parts, quoted);
        i++;
        doubleQuoted(parts);
      } else if (c == '$') {
        flush(literal, parts, quoted);
        dollar(parts, quoted);
      } else if (c == '`') {
        throw new SyntaxError("command substitution (`...`) is not supported", false);
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts, quoted);
  }

  private void doubleQuoted(List<Part> parts) throws SyntaxError {
    StringBuilder text = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw new SyntaxError("Syntax error: Unterminated quoted string", true);
      }
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        break;
      } else if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
        if (s.charAt(i + 1) != '\n') {
          text.append(s.charAt(i + 1));
        }
        i += 2;
      } else if (c == '$') {
        flush(text, parts, true);
        dollar(parts, true);
      } else if (c == '`') {
        throw new SyntaxError("command substitution (`...`) is not supported", false);
      } else {
        text.append(c);
        i++;
      }
    }
    // Always keep the quoted text, even empty: "" is an empty word, not no word.
    parts.add(new Literal(text.toString(), true));
  }

  private void dollar(List<Part> parts, boolean quoted) throws SyntaxError {
    i++; // the $
    if (atEnd()) {
      parts.add(new Literal("$", quoted));
      return;
    }
    char c = s.charAt(i);
    if (c == '{') {
      parts.add(braced(quoted));
    } else if (startsWith("((")) {
      parts.add(new Arith(arithmetic(), quoted));
    } else if (c == '(') {
      throw new SyntaxError("command substitution ($(...)) is not supported", false);
    } else if (c == '_' || Character.isLetter(c) && c < 128) {
      int start = i;
      while (i < s.length() && isNameChar(s.charAt(i))) {
        i++;
      }
      parts.add(new Param(s.substring(start, i), quoted));
    } else if (Character.isDigit(c) || SPECIAL_PARAMS.indexOf(c) >= 0) {
      parts.add(new Param(String.valueOf(c), quoted));
      i++;
    } else {
      parts.add(new Literal("$", quoted));
    }
  }

  private static final List<String> OPS = List.of(":-", ":=", ":+", ":?", "-", "=", "+", "?", "##", "#", "%%", "%");

  /** {@code ${...}}, the cursor on its {@code {}: a parameter, its length, or a parameter with an operator. */
  private Part braced(boolean quoted) throws SyntaxError {
    int start = i;
    i++;
    boolean length = startsWith("#") && i + 1 < s.length() && s.charAt(i + 1) != '}';
    if (length) {
      i++;
    }
    int nameStart = i;
    if (!atEnd() && (s.charAt(i) == '_' || Character.isLetter(s.charAt(i)) && s.charAt(i) < 128)) {
      while (!atEnd() && isNameChar(s.charAt(i))) {
        i++;
      }
    } else if (!atEnd() && Character.isDigit(s.charAt(i))) {
      while (!atEnd() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    } else if (!atEnd() && SPECIAL_PARAMS.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String name = s.substring(nameStart, i);
    String op = length ? "length" : OPS.stream().filter(this::startsWith).findFirst().orElse(null);
    if (!name.isEmpty() && startsWith("}")) {
      i++;
      return length ? new ParamOp(name, op, new Word(List.of()), quoted) : new Param(name, quoted);
    }
    if (name.isEmpty() || length || op == null) {
      int end = s.indexOf('}', start);
      if (end < 0) {
        throw new SyntaxError("Syntax error: Missing '}'", true);
      }
      throw new SyntaxError("Bad substitution", false);
    }
    i += op.length();
    List<Part> parts = new ArrayList<>();
    parts(parts, true, quoted);
    return new ParamOp(name, op, new Word(List.copyOf(parts)), quoted);
  }

  /** The expression of {@code $((...))}, the cursor on its {@code ((}: up to the {@code ))} that closes it. */
  private String arithmetic() throws SyntaxError {
    int depth = 0;
    for (int j = i + 2; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (c == ')' && j + 1 < s.length() && s.charAt(j + 1) == ')') {
        String expression = s.substring(i + 2, j);
        i = j + 2;
        return expression;
      } else if (c == ')') {
        break;
      }
    }
    throw new SyntaxError("Syntax error: Missing '))'", true);
  }

  private static void flush(StringBuilder text, List<Part> parts, boolean quoted) {
    if (text.length() > 0) {
      parts.add(new Literal(text.toString(), quoted));
      text.setLength(0);
    }
  }

  /** Spaces, tabs, escaped newlines and comments, but not newlines. */
  final void skipBlanks() {
    while (!atEnd()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (startsWith("\\\n")) {
        i += 2;
      } else if (c == '#') {
        while (!atEnd() && s.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  final void skipBlanksAndNewlines() {
    skipBlanks();
    while (!atEnd() && s.charAt(i) == '\n') {
      i++;
      skipBlanks();
    }
  }

  final boolean startsWith(String prefix) {
    return s.startsWith(prefix, i);
  }

  final boolean atEnd() {
    return i >= s.length();
  }

  final char peek() {
    return s.charAt(i);
  }

  static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(ch -> isNameChar((char) ch));
  }

  static boolean isNameChar(char c) {
    return c == '_' || c < 128 && Character.isLetterOrDigit(c);
  }
}
