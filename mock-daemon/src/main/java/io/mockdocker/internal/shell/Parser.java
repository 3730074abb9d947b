package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.AndOr;
import io.mockdocker.internal.shell.Ast.Assignment;
import io.mockdocker.internal.shell.Ast.SimpleCommand;
import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Param;
import io.mockdocker.internal.shell.Ast.Part;
import io.mockdocker.internal.shell.Ast.Pipeline;
import io.mockdocker.internal.shell.Ast.Redirect;
import io.mockdocker.internal.shell.Ast.Script;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the subset of POSIX sh the mini shell runs: simple commands, quoting, parameters, redirections, pipes,
 * {@code ! ; && ||}, newlines and comments. Compound commands, subshells, here-documents, background jobs and
 * command substitution are syntax errors with a message saying so. Messages follow dash.
 */
final class Parser {
  private static final String METACHARS = " \t\n;&|<>()";
  private static final String SPECIAL_PARAMS = "?#$@*!-";

  private final String s;
  private int i;

  private Parser(String source) {
    this.s = source;
  }

  static Script parse(String source) throws SyntaxError {
    return new Parser(source).script();
  }

  private Script script() throws SyntaxError {
    List<AndOr> items = new ArrayList<>();
    skipBlanksAndNewlines();
    while (!atEnd()) {
      items.add(andOr());
      skipBlanks();
      if (atEnd()) {
        break;
      }
      char c = s.charAt(i);
      if (c == '\n' || (c == ';' && !startsWith(";;"))) {
        i++;
      } else if (c == '&' && !startsWith("&&")) {
        throw new SyntaxError("background jobs (&) are not supported", false);
      } else {
        throw unexpectedHere();
      }
      skipBlanksAndNewlines();
    }
    return new Script(List.copyOf(items));
  }

  private AndOr andOr() throws SyntaxError {
    List<Pipeline> pipelines = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    pipelines.add(pipeline());
    while (true) {
      skipBlanks();
      if (!startsWith("&&") && !startsWith("||")) {
        break;
      }
      ops.add(s.substring(i, i + 2));
      i += 2;
      skipBlanksAndNewlines();
      if (atEnd()) {
        throw SyntaxError.endOfFile();
      }
      pipelines.add(pipeline());
    }
    return new AndOr(List.copyOf(pipelines), List.copyOf(ops));
  }

  private Pipeline pipeline() throws SyntaxError {
    skipBlanks();
    boolean negated = false;
    if (startsWith("!") && (i + 1 == s.length() || " \t\n".indexOf(s.charAt(i + 1)) >= 0)) {
      negated = true;
      i++;
    }
    List<SimpleCommand> commands = new ArrayList<>();
    commands.add(command());
    while (true) {
      skipBlanks();
      if (!startsWith("|") || startsWith("||")) {
        break;
      }
      i++;
      skipBlanksAndNewlines();
      if (atEnd()) {
        throw SyntaxError.endOfFile();
      }
      commands.add(command());
    }
    return new Pipeline(List.copyOf(commands), negated);
  }

  private SimpleCommand command() throws SyntaxError {
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atEnd()) {
        break;
      }
      char c = s.charAt(i);
      if (c == '(' || c == ')') {
        throw words.isEmpty() && assignments.isEmpty() && c == '('
            ? new SyntaxError("subshells ( ... ) are not supported", false)
            : SyntaxError.unexpected(String.valueOf(c));
      }
      if ("\n;&|".indexOf(c) >= 0) {
        break;
      }
      Redirect redirect = redirect();
      if (redirect != null) {
        redirects.add(redirect);
        continue;
      }
      Word word = word();
      Assignment assignment = words.isEmpty() ? assignment(word) : null;
      if (assignment != null) {
        assignments.add(assignment);
      } else {
        words.add(word);
      }
    }
    if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
      throw atEnd() ? SyntaxError.endOfFile() : unexpectedHere();
    }
    return new SimpleCommand(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects));
  }

  private Redirect redirect() throws SyntaxError {
    int start = i;
    int fd = -1;
    if (i < s.length() && Character.isDigit(s.charAt(i))) {
      int j = i;
      while (j < s.length() && Character.isDigit(s.charAt(j))) {
        j++;
      }
      if (j < s.length() && (s.charAt(j) == '>' || s.charAt(j) == '<')) {
        fd = Integer.parseInt(s.substring(i, Math.min(j, i + 9)));
        i = j;
      } else {
        return null;
      }
    }
    if (atEnd() || (s.charAt(i) != '>' && s.charAt(i) != '<')) {
      i = start;
      return null;
    }
    String op;
    if (startsWith("<<")) {
      throw new SyntaxError("here-documents (<<) are not supported", false);
    } else if (startsWith(">>") || startsWith(">&") || startsWith("<&")) {
      op = s.substring(i, i + 2);
    } else if (startsWith(">|")) {
      op = ">";
      i++;
    } else if (startsWith("<>")) {
      throw new SyntaxError("<> redirections are not supported", false);
    } else {
      op = s.substring(i, i + 1);
    }
    i += op.length();
    skipBlanks();
    if (atEnd() || METACHARS.indexOf(s.charAt(i)) >= 0) {
      throw atEnd() || s.charAt(i) == '\n' ? SyntaxError.unexpected("newline") : unexpectedHere();
    }
    return new Redirect(fd, op, word());
  }

  private static Assignment assignment(Word word) {
    if (word.parts().isEmpty() || !(word.parts().get(0) instanceof Literal first) || first.quoted()) {
      return null;
    }
    int eq = first.text().indexOf('=');
    if (eq <= 0 || !isName(first.text().substring(0, eq))) {
      return null;
    }
    List<Part> value = new ArrayList<>();
    String rest = first.text().substring(eq + 1);
    if (!rest.isEmpty()) {
      value.add(new Literal(rest, false));
    }
    value.addAll(word.parts().subList(1, word.parts().size()));
    return new Assignment(first.text().substring(0, eq), new Word(List.copyOf(value)));
  }

  private Word word() throws SyntaxError {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    while (!atEnd()) {
      char c = s.charAt(i);
      if (METACHARS.indexOf(c) >= 0) {
        break;
      }
      if (c == '\\') {
        if (i + 1 == s.length()) {
          literal.append(c);
          i++;
        } else if (s.charAt(i + 1) == '\n') {
          i += 2;
        } else {
          flush(literal, parts, false);
          parts.add(new Literal(String.valueOf(s.charAt(i + 1)), true));
          i += 2;
        }
      } else if (c == '\'') {
        flush(literal, parts, false);
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new SyntaxError("Syntax error: Unterminated quoted string", true);
        }
        parts.add(new Literal(s.substring(i + 1, end), true));
        i = end + 1;
      } else if (c == '"') {
        flush(literal, parts, false);
        i++;
        doubleQuoted(parts);
      } else if (c == '$') {
        flush(literal, parts, false);
        dollar(parts, false);
      } else if (c == '`') {
        throw new SyntaxError("command substitution (`...`) is not supported", false);
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts, false);
    return new Word(List.copyOf(parts));
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
      int end = s.indexOf('}', i);
      if (end < 0) {
        throw new SyntaxError("Syntax error: Missing '}'", true);
      }
      String name = s.substring(i + 1, end);
      boolean valid = isName(name) || name.chars().allMatch(Character::isDigit) && !name.isEmpty()
          || name.length() == 1 && SPECIAL_PARAMS.indexOf(name.charAt(0)) >= 0;
      if (!valid) {
        throw new SyntaxError("${" + name + "}: Bad substitution", false);
      }
      parts.add(new Param(name, quoted));
      i = end + 1;
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

  private static void flush(StringBuilder text, List<Part> parts, boolean quoted) {
    if (text.length() > 0) {
      parts.add(new Literal(text.toString(), quoted));
      text.setLength(0);
    }
  }

  /** Spaces, tabs, escaped newlines and comments, but not newlines. */
  private void skipBlanks() {
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

  private void skipBlanksAndNewlines() {
    skipBlanks();
    while (!atEnd() && s.charAt(i) == '\n') {
      i++;
      skipBlanks();
    }
  }

  private SyntaxError unexpectedHere() {
    for (String op : List.of(";;", "&&", "||")) {
      if (startsWith(op)) {
        return SyntaxError.unexpected(op);
      }
    }
    return s.charAt(i) == '\n' ? SyntaxError.unexpected("newline") : SyntaxError.unexpected(s.substring(i, i + 1));
  }

  private boolean startsWith(String prefix) {
    return s.startsWith(prefix, i);
  }

  private boolean atEnd() {
    return i >= s.length();
  }

  static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(ch -> isNameChar((char) ch));
  }

  private static boolean isNameChar(char c) {
    return c == '_' || c < 128 && Character.isLetterOrDigit(c);
  }
}
