package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Awk.Expr;
import io.mockdocker.internal.shell.Awk.Jump;
import io.mockdocker.internal.shell.Awk.Rule;
import io.mockdocker.internal.shell.Awk.Stmt;
import io.mockdocker.internal.shell.Awk.SyntaxFailure;
import io.mockdocker.internal.shell.AwkLexer.Tok;
import java.util.ArrayList;
import java.util.List;

/**
 * The awk parser: rules ({@code BEGIN}, {@code END}, patterns) and statements over the lexer's tokens, each action a
 * closure over an {@link AwkRun}; expressions come from {@link AwkExprParser}.
 */
final class AwkParser extends AwkExprParser {
  AwkParser(List<Tok> toks) {
    super(toks);
  }

  List<Rule> program() throws SyntaxFailure {
    List<Rule> rules = new ArrayList<>();
    skipSeparators();
    while (!is("eof")) {
      String kind = "main";
      Expr pattern = null;
      if (isName("BEGIN") || isName("END")) {
        kind = take("name").text();
      } else if (!is("{")) {
        pattern = expr(false);
      }
      Stmt action;
      if (is("{")) {
        action = block();
      } else if (kind.equals("main")) {
        action = r -> r.print(List.of(), false);
      } else {
        throw new SyntaxFailure("Unexpected token");
      }
      rules.add(new Rule(kind, pattern, action));
      skipSeparators();
    }
    return rules;
  }

  Stmt block() throws SyntaxFailure {
    take("{");
    List<Stmt> body = new ArrayList<>();
    skipSeparators();
    while (!is("}")) {
      body.add(statement());
      skipSeparators();
    }
    take("}");
    return r -> body.forEach(s -> s.exec(r));
  }

  Stmt simpleOrBlock() throws SyntaxFailure {
    skipNewlines();
    if (is(";")) {
      at++;
      return r -> { };
    }
    return statement();
  }

  Stmt statement() throws SyntaxFailure {
    if (is("{")) {
      return block();
    }
    if (isName("print") || isName("printf")) {
      boolean formatted = take("name").text().equals("printf");
      List<Expr> args = new ArrayList<>();
      boolean paren = is("(") && parenthesizedList();
      if (paren) {
        take("(");
        args.add(expr(false));
        while (is(",")) {
          take(",");
          skipNewlines();
          args.add(expr(false));
        }
        take(")");
      } else if (!is(";") && !is("}") && !is("eof")) {
        args.add(expr(true));
        while (is(",")) {
          take(",");
          skipNewlines();
          args.add(expr(true));
        }
      }
      if (is(">") || is(">>") || is("|")) {
        throw new SyntaxFailure("Output redirection is not simulated");
      }
      if (formatted && args.isEmpty()) {
        throw new SyntaxFailure("Too few arguments for builtin");
      }
      return r -> r.print(args, formatted);
    }
    if (isName("next")) {
      at++;
      return r -> {
        throw new Jump(false, 0);
      };
    }
    if (isName("exit")) {
      at++;
      Expr code = is(";") || is("}") || is("eof") ? null : expr(false);
      return r -> {
        throw new Jump(true, code == null ? 0 : (int) r.num(code.eval(r)));
      };
    }
    if (isName("if")) {
      at++;
      take("(");
      Expr cond = expr(false);
      take(")");
      Stmt then = simpleOrBlock();
      int mark = at;
      skipSeparators();
      if (isName("else")) {
        at++;
        Stmt otherwise = simpleOrBlock();
        return r -> (r.truth(cond.eval(r)) ? then : otherwise).exec(r);
      }
      at = mark;
      return r -> {
        if (r.truth(cond.eval(r))) {
          then.exec(r);
        }
      };
    }
    if (isName("while")) {
      at++;
      take("(");
      Expr cond = expr(false);
      take(")");
      Stmt body = simpleOrBlock();
      return r -> {
        while (r.truth(cond.eval(r))) {
          r.tick();
          body.exec(r);
        }
      };
    }
    if (isName("for")) {
      at++;
      take("(");
      Expr init = is(";") ? null : expr(false);
      take(";");
      Expr cond = is(";") ? null : expr(false);
      take(";");
      Expr step = is(")") ? null : expr(false);
      take(")");
      Stmt body = simpleOrBlock();
      return r -> {
        if (init != null) {
          init.eval(r);
        }
        while (cond == null || r.truth(cond.eval(r))) {
          r.tick();
          body.exec(r);
          if (step != null) {
            step.eval(r);
          }
        }
      };
    }
    Expr e = expr(false);
    return r -> e.eval(r);
  }

  /** Whether {@code print (a, b)} lists its arguments in parentheses (as opposed to {@code print (a) b}). */
  private boolean parenthesizedList() {
    int depth = 0;
    for (int k = at; k < toks.size(); k++) {
      String kind = toks.get(k).kind();
      if (kind.equals("(")) {
        depth++;
      } else if (kind.equals(")")) {
        depth--;
        if (depth == 0) {
          String next = toks.get(k + 1).kind();
          return next.equals(";") || next.equals("}") || next.equals("eof") || next.equals(">");
        }
      } else if (kind.equals(";") || kind.equals("eof")) {
        return false;
      }
    }
    return false;
  }
}
