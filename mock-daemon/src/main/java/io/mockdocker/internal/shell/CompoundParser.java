package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.Body;
import io.mockdocker.internal.shell.Ast.Case;
import io.mockdocker.internal.shell.Ast.CaseItem;
import io.mockdocker.internal.shell.Ast.Compound;
import io.mockdocker.internal.shell.Ast.For;
import io.mockdocker.internal.shell.Ast.FunctionDef;
import io.mockdocker.internal.shell.Ast.Group;
import io.mockdocker.internal.shell.Ast.If;
import io.mockdocker.internal.shell.Ast.Loop;
import io.mockdocker.internal.shell.Ast.Script;
import io.mockdocker.internal.shell.Ast.Subshell;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * The compound commands: {@code if}, {@code while}/{@code until}, {@code for}, {@code case}, {@code { ...; }},
 * {@code ( ... )} and function definitions, each followed by optional redirections. Errors read as dash prints
 * them, naming what was expected where it can ({@code "done" unexpected (expecting "fi")}).
 */
final class CompoundParser {
  private final Parser p;

  CompoundParser(Parser parser) {
    this.p = parser;
  }

  /** The compound command at the cursor (a {@code (} or an opening reserved word), with its redirections. */
  Compound compound() throws SyntaxError {
    Body body;
    if (p.peek() == '(') {
      p.i++;
      Script list = nonEmpty(")");
      expectChar(')');
      body = new Subshell(list);
    } else {
      String keyword = p.keyword();
      p.consume(keyword);
      body = switch (keyword) {
        case "{" -> {
          Script list = nonEmpty("}");
          expect("}");
          yield new Group(list);
        }
        case "if" -> ifClause();
        case "while", "until" -> loop(keyword.equals("until"));
        case "for" -> forClause();
        case "case" -> caseClause();
        default -> throw new IllegalStateException(keyword);
      };
    }
    return new Compound(body, p.redirects());
  }

  /** {@code name() compound}, the cursor on the {@code (} after the name. */
  FunctionDef function(String name) throws SyntaxError {
    p.i++;
    p.skipBlanks();
    if (p.atEnd() || p.peek() != ')') {
      throw p.expected(")");
    }
    p.i++;
    p.skipBlanksAndNewlines();
    if (p.atEnd()) {
      throw SyntaxError.endOfFile();
    }
    String keyword = p.keyword();
    if (p.peek() != '(' && (keyword == null || !Lexer.OPENERS.contains(keyword))) {
      throw p.unexpectedHere();
    }
    return new FunctionDef(name, compound());
  }

  private If ifClause() throws SyntaxError {
    List<Script> conditions = new ArrayList<>();
    List<Script> branches = new ArrayList<>();
    Script otherwise = null;
    conditions.add(nonEmpty("then"));
    expect("then");
    branches.add(nonEmpty("fi"));
    while (true) {
      String keyword = p.keyword();
      if ("elif".equals(keyword)) {
        p.consume(keyword);
        conditions.add(nonEmpty("then"));
        expect("then");
        branches.add(nonEmpty("fi"));
      } else if ("else".equals(keyword)) {
        p.consume(keyword);
        otherwise = nonEmpty("fi");
        expect("fi");
        break;
      } else {
        expect("fi");
        break;
      }
    }
    return new If(List.copyOf(conditions), List.copyOf(branches), otherwise);
  }

  private Loop loop(boolean until) throws SyntaxError {
    Script condition = nonEmpty("do");
    return new Loop(condition, doGroup(), until);
  }

  private For forClause() throws SyntaxError {
    p.skipBlanks();
    int start = p.i;
    while (!p.atEnd() && Lexer.METACHARS.indexOf(p.peek()) < 0) {
      p.i++;
    }
    String name = p.s.substring(start, p.i);
    if (!Lexer.isName(name)) {
      throw new SyntaxError("Syntax error: Bad for loop variable", false);
    }
    p.skipBlanksAndNewlines();
    List<Word> words = null;
    if ("in".equals(p.keyword())) {
      p.consume("in");
      words = new ArrayList<>();
      while (true) {
        p.skipBlanks();
        if (p.atEnd()) {
          throw SyntaxError.endOfFile();
        }
        if (p.peek() == ';' && !p.startsWith(";;") || p.peek() == '\n') {
          p.i++;
          break;
        }
        if (Lexer.METACHARS.indexOf(p.peek()) >= 0) {
          throw p.unexpectedHere();
        }
        words.add(p.word());
      }
      words = List.copyOf(words);
    } else if (!p.atEnd() && p.peek() == ';' && !p.startsWith(";;")) {
      p.i++;
    }
    return new For(name, words, doGroup());
  }

  private Case caseClause() throws SyntaxError {
    p.skipBlanks();
    if (p.atEnd() || Lexer.METACHARS.indexOf(p.peek()) >= 0) {
      throw p.unexpectedHere();
    }
    Word subject = p.word();
    p.skipBlanksAndNewlines();
    expect("in");
    List<CaseItem> items = new ArrayList<>();
    while (true) {
      p.skipBlanksAndNewlines();
      if ("esac".equals(p.keyword())) {
        p.consume("esac");
        break;
      }
      if (!p.atEnd() && p.peek() == '(') {
        p.i++;
        p.skipBlanks();
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        if (p.atEnd() || Lexer.METACHARS.indexOf(p.peek()) >= 0) {
          throw p.expected(")");
        }
        patterns.add(p.word());
        p.skipBlanks();
        if (p.atEnd() || p.peek() != '|') {
          break;
        }
        p.i++;
        p.skipBlanks();
      }
      expectChar(')');
      Script list = p.list();
      items.add(new CaseItem(List.copyOf(patterns), list));
      if (p.startsWith(";;")) {
        p.i += 2;
      } else if ("esac".equals(p.keyword())) {
        p.consume("esac");
        break;
      } else {
        throw p.expected(";;");
      }
    }
    return new Case(subject, List.copyOf(items));
  }

  /** {@code do list done}, the body of a loop. */
  private Script doGroup() throws SyntaxError {
    expect("do");
    Script body = nonEmpty("done");
    expect("done");
    return body;
  }

  /** A list that must hold a command before the reserved word (or {@code )}) {@code closer}. */
  private Script nonEmpty(String closer) throws SyntaxError {
    Script list = p.list();
    if (list.items().isEmpty()) {
      throw p.atEnd() ? p.expected(closer) : p.unexpectedHere();
    }
    return list;
  }

  private void expect(String keyword) throws SyntaxError {
    p.skipBlanksAndNewlines();
    if (!keyword.equals(p.keyword())) {
      throw p.expected(keyword);
    }
    p.consume(keyword);
  }

  private void expectChar(char c) throws SyntaxError {
    p.skipBlanks();
    if (p.atEnd() || p.peek() != c) {
      throw p.expected(String.valueOf(c));
    }
    p.i++;
  }
}
