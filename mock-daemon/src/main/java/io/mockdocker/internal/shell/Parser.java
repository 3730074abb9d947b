package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.AndOr;
import io.mockdocker.internal.shell.Ast.Assignment;
import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Node;
import io.mockdocker.internal.shell.Ast.Part;
import io.mockdocker.internal.shell.Ast.Pipeline;
import io.mockdocker.internal.shell.Ast.Redirect;
import io.mockdocker.internal.shell.Ast.Script;
import io.mockdocker.internal.shell.Ast.SimpleCommand;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the subset of POSIX sh the mini shell runs: simple commands, quoting, parameters, arithmetic, redirections,
 * pipes, {@code ! ; && ||}, newlines and comments, and the compound commands ({@link CompoundParser}). Here-documents,
 * background jobs and command substitution are syntax errors with a message saying so. Messages follow dash.
 */
final class Parser extends Lexer {

  private Parser(String source) {
    super(source);
  }

  static Script parse(String source) throws SyntaxError {
    Parser parser = new Parser(source);
    Script script = parser.list();
    if (!parser.atEnd()) {
      throw parser.unexpectedHere();
    }
    return script;
  }

  /**
   * And-or lists separated by {@code ;}, {@code &} or newlines, up to the end of the script or a token that ends a
   * list ({@code )}, {@code ;;}, or a reserved word such as {@code done} or {@code fi}), which it leaves for the
   * caller.
   */
  Script list() throws SyntaxError {
    List<AndOr> items = new ArrayList<>();
    while (true) {
      skipBlanksAndNewlines();
      if (atEnd() || peek() == ')' || startsWith(";;") || isCloser(keyword())) {
        break;
      }
      items.add(andOr());
      skipBlanks();
      if (atEnd()) {
        break;
      }
      char c = peek();
      if (c == '\n' || (c == ';' && !startsWith(";;"))) {
        i++;
      } else if (c == '&' && !startsWith("&&")) {
        throw new SyntaxError("background jobs (&) are not supported", false);
      } else {
        break;
      }
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
      pipelines.add(pipeline());
    }
    return new AndOr(List.copyOf(pipelines), List.copyOf(ops));
  }

  private Pipeline pipeline() throws SyntaxError {
    skipBlanks();
    boolean negated = false;
    if ("!".equals(keyword())) {
      negated = true;
      i++;
    }
    List<Node> commands = new ArrayList<>();
    commands.add(command());
    while (true) {
      skipBlanks();
      if (!startsWith("|") || startsWith("||")) {
        break;
      }
      i++;
      skipBlanksAndNewlines();
      commands.add(command());
    }
    return new Pipeline(List.copyOf(commands), negated);
  }

  private Node command() throws SyntaxError {
    skipBlanks();
    if (atEnd()) {
      throw SyntaxError.endOfFile();
    }
    String keyword = keyword();
    if (peek() == '(' || keyword != null && OPENERS.contains(keyword)) {
      return new CompoundParser(this).compound();
    }
    if (keyword != null && !keyword.equals("in")) {
      throw unexpectedHere();
    }
    return simpleCommand();
  }

  private Node simpleCommand() throws SyntaxError {
    List<Assignment> assignments = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atEnd()) {
        break;
      }
      char c = peek();
      if (c == '(' && words.size() == 1 && assignments.isEmpty() && redirects.isEmpty()) {
        String name = plainName(words.get(0));
        if (name != null) {
          return new CompoundParser(this).function(name);
        }
      }
      if (c == '(' || c == ')' || "\n;&|".indexOf(c) >= 0) {
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
    if (!atEnd() && peek() == '(') {
      throw unexpectedHere();
    }
    return new SimpleCommand(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects));
  }

  /** The redirections after a compound command. */
  List<Redirect> redirects() throws SyntaxError {
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      Redirect redirect = redirect();
      if (redirect == null) {
        return List.copyOf(redirects);
      }
      redirects.add(redirect);
    }
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
    if (atEnd() || (peek() != '>' && peek() != '<')) {
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
    if (atEnd() || METACHARS.indexOf(peek()) >= 0) {
      throw atEnd() || peek() == '\n' ? SyntaxError.unexpected("newline") : unexpectedHere();
    }
    return new Redirect(fd, op, word());
  }

  /** The text of a word written as a plain name (a function name), or null. */
  static String plainName(Word word) {
    if (word.parts().size() == 1 && word.parts().get(0) instanceof Literal l && !l.quoted() && isName(l.text())) {
      return l.text();
    }
    return null;
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
}
