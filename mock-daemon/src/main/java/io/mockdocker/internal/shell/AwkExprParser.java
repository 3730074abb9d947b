package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Awk.Expr;
import io.mockdocker.internal.shell.Awk.Str;
import io.mockdocker.internal.shell.Awk.SyntaxFailure;
import io.mockdocker.internal.shell.AwkLexer.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The expression half of the awk parser: the token cursor, and a recursive descent from the ternary down to
 * fields, variables and built-in calls, each expression a closure over an {@link AwkRun}. {@link AwkParser} adds
 * rules and statements on top.
 */
abstract class AwkExprParser {
  final List<Tok> toks;
  int at;

  AwkExprParser(List<Tok> toks) {
    this.toks = toks;
  }

  Tok peek() {
    return toks.get(at);
  }

  boolean is(String kind) {
    return peek().kind().equals(kind);
  }

  boolean isName(String name) {
    return is("name") && peek().text().equals(name);
  }

  Tok take(String kind) throws SyntaxFailure {
    if (!is(kind)) {
      throw new SyntaxFailure("Unexpected token");
    }
    return toks.get(at++);
  }

  void skipNewlines() {
    while (is(";") && peek().text().equals("\n")) {
      at++;
    }
  }

  void skipSeparators() {
    while (is(";")) {
      at++;
    }
  }

  Expr expr(boolean inPrint) throws SyntaxFailure {
    return ternary(inPrint);
  }

  Expr ternary(boolean inPrint) throws SyntaxFailure {
    Expr cond = assignment(inPrint);
    if (is("?")) {
      take("?");
      Expr a = ternary(inPrint);
      take(":");
      Expr b = ternary(inPrint);
      return r -> r.truth(cond.eval(r)) ? a.eval(r) : b.eval(r);
    }
    return cond;
  }

  Expr assignment(boolean inPrint) throws SyntaxFailure {
    int mark = at;
    Lvalue target = lvalue();
    if (target != null && List.of("=", "+=", "-=", "*=", "/=", "%=").contains(peek().kind())) {
      String op = take(peek().kind()).kind();
      skipNewlines();
      Expr value = assignment(inPrint);
      return r -> {
        Object v = value.eval(r);
        if (!op.equals("=")) {
          v = arith(op.substring(0, 1), r.num(target.get(r)), r.num(v));
        }
        target.set(r, v);
        return v;
      };
    }
    at = mark;
    return or(inPrint);
  }

  /** A variable or field reference at the cursor, consumed; null (cursor kept) when there is none. */
  Lvalue lvalue() throws SyntaxFailure {
    if (is("name") && !toks.get(at + 1).kind().equals("(") && !isKeyword(peek().text())) {
      String name = take("name").text();
      if (is("[")) {
        throw new SyntaxFailure("Arrays are not simulated");
      }
      return new Lvalue() {
        public Object get(AwkRun r) {
          return r.var(name);
        }

        public void set(AwkRun r, Object v) {
          r.setVar(name, v);
        }
      };
    }
    if (is("$")) {
      take("$");
      Expr index = primary();
      return new Lvalue() {
        public Object get(AwkRun r) {
          return r.field((int) r.num(index.eval(r)));
        }

        public void set(AwkRun r, Object v) {
          r.setField((int) r.num(index.eval(r)), r.str(v));
        }
      };
    }
    return null;
  }

  Expr or(boolean inPrint) throws SyntaxFailure {
    Expr left = and(inPrint);
    while (is("||")) {
      take("||");
      skipNewlines();
      Expr a = left;
      Expr b = and(inPrint);
      left = r -> r.truth(a.eval(r)) || r.truth(b.eval(r)) ? 1.0 : 0.0;
    }
    return left;
  }

  Expr and(boolean inPrint) throws SyntaxFailure {
    Expr left = match(inPrint);
    while (is("&&")) {
      take("&&");
      skipNewlines();
      Expr a = left;
      Expr b = match(inPrint);
      left = r -> r.truth(a.eval(r)) && r.truth(b.eval(r)) ? 1.0 : 0.0;
    }
    return left;
  }

  Expr match(boolean inPrint) throws SyntaxFailure {
    Expr left = relational(inPrint);
    while (is("~") || is("!~")) {
      boolean negate = take(peek().kind()).kind().equals("!~");
      Expr a = left;
      Expr pattern = is("re") ? regexLiteral(take("re").text()) : relational(inPrint);
      left = r -> {
        Object p = pattern.eval(r);
        Pattern re = p instanceof Pattern compiled ? compiled : r.regex(r.str(p));
        return re.matcher(r.str(a.eval(r))).find() != negate ? 1.0 : 0.0;
      };
    }
    return left;
  }

  private Expr regexLiteral(String text) throws SyntaxFailure {
    Pattern re = compile(text);
    return r -> re;
  }

  Expr relational(boolean inPrint) throws SyntaxFailure {
    Expr left = concat(inPrint);
    String k = peek().kind();
    if (k.equals("<") || k.equals("<=") || k.equals("==") || k.equals("!=") || k.equals(">=")
        || k.equals(">") && !inPrint) {
      take(k);
      Expr a = left;
      Expr b = concat(inPrint);
      return r -> r.compare(a.eval(r), b.eval(r), k) ? 1.0 : 0.0;
    }
    return left;
  }

  Expr concat(boolean inPrint) throws SyntaxFailure {
    Expr left = additive();
    while (startsPrimary()) {
      Expr a = left;
      Expr b = additive();
      left = r -> new Str(r.str(a.eval(r)) + r.str(b.eval(r)), false);
    }
    return left;
  }

  private boolean startsPrimary() {
    String k = peek().kind();
    if (k.equals("name")) {
      return !isKeyword(peek().text()) || peek().text().equals("length");
    }
    return k.equals("num") || k.equals("str") || k.equals("$") || k.equals("(") || k.equals("++")
        || k.equals("--");
  }

  Expr additive() throws SyntaxFailure {
    Expr left = multiplicative();
    while (is("+") || is("-")) {
      String op = take(peek().kind()).kind();
      Expr a = left;
      Expr b = multiplicative();
      left = r -> arith(op, r.num(a.eval(r)), r.num(b.eval(r)));
    }
    return left;
  }

  Expr multiplicative() throws SyntaxFailure {
    Expr left = unary();
    while (is("*") || is("/") || is("%")) {
      String op = take(peek().kind()).kind();
      Expr a = left;
      Expr b = unary();
      left = r -> arith(op, r.num(a.eval(r)), r.num(b.eval(r)));
    }
    return left;
  }

  Expr unary() throws SyntaxFailure {
    if (is("!")) {
      take("!");
      Expr e = unary();
      return r -> r.truth(e.eval(r)) ? 0.0 : 1.0;
    }
    if (is("-")) {
      take("-");
      Expr e = unary();
      return r -> -r.num(e.eval(r));
    }
    if (is("+")) {
      take("+");
      Expr e = unary();
      return r -> r.num(e.eval(r));
    }
    if (is("++") || is("--")) {
      double delta = take(peek().kind()).kind().equals("++") ? 1 : -1;
      Lvalue target = lvalue();
      if (target == null) {
        throw new SyntaxFailure("Unexpected token");
      }
      return r -> {
        double v = r.num(target.get(r)) + delta;
        target.set(r, v);
        return v;
      };
    }
    int mark = at;
    Lvalue target = lvalue();
    if (target != null && (is("++") || is("--"))) {
      double delta = take(peek().kind()).kind().equals("++") ? 1 : -1;
      return r -> {
        double v = r.num(target.get(r));
        target.set(r, v + delta);
        return v;
      };
    }
    at = mark;
    return primary();
  }

  Expr primary() throws SyntaxFailure {
    Tok t = peek();
    switch (t.kind()) {
      case "num" -> {
        at++;
        double v = Double.parseDouble(t.text());
        return r -> v;
      }
      case "str" -> {
        at++;
        Str s = new Str(t.text(), false);
        return r -> s;
      }
      case "re" -> {
        at++;
        Pattern re = compile(t.text());
        return r -> re.matcher(r.field(0).text()).find() ? 1.0 : 0.0;
      }
      case "(" -> {
        at++;
        Expr e = expr(false);
        take(")");
        return e;
      }
      case "$" -> {
        at++;
        Expr index = primary();
        return r -> r.field((int) r.num(index.eval(r)));
      }
      case "name" -> {
        at++;
        String name = t.text();
        if (is("(") || name.equals("length")) {
          return call(name);
        }
        if (isKeyword(name)) {
          throw new SyntaxFailure("Unexpected token");
        }
        if (is("[")) {
          throw new SyntaxFailure("Arrays are not simulated");
        }
        return r -> r.var(name);
      }
      default -> throw new SyntaxFailure("Unexpected token");
    }
  }

  Expr call(String name) throws SyntaxFailure {
    List<Expr> args = new ArrayList<>();
    if (is("(")) {
      take("(");
      if (!is(")")) {
        args.add(expr(false));
        while (is(",")) {
          take(",");
          args.add(expr(false));
        }
      }
      take(")");
    }
    int n = args.size();
    switch (name) {
      case "length" -> {
        return r -> (double) (n == 0 ? r.field(0).text() : r.str(args.get(0).eval(r))).length();
      }
      case "substr" -> {
        if (n < 2) {
          throw new SyntaxFailure("Too few arguments for builtin");
        }
        return r -> {
          String s = r.str(args.get(0).eval(r));
          double start = Math.round(r.num(args.get(1).eval(r)));
          double len = n > 2 ? Math.round(r.num(args.get(2).eval(r))) : Double.POSITIVE_INFINITY;
          double from = Math.max(start, 1);
          double to = Math.min(start + len, s.length() + 1);
          return new Str(to <= from ? "" : s.substring((int) from - 1, (int) to - 1), false);
        };
      }
      case "index" -> {
        return r -> (double) r.str(args.get(0).eval(r)).indexOf(r.str(args.get(1).eval(r))) + 1;
      }
      case "toupper" -> {
        return r -> new Str(r.str(args.get(0).eval(r)).toUpperCase(Locale.ROOT), false);
      }
      case "tolower" -> {
        return r -> new Str(r.str(args.get(0).eval(r)).toLowerCase(Locale.ROOT), false);
      }
      case "int" -> {
        return r -> (double) (long) r.num(args.get(0).eval(r));
      }
      case "sprintf" -> {
        return r -> new Str(r.sprintf(args), false);
      }
      default -> throw new SyntaxFailure("Call to undefined function");
    }
  }

  private Pattern compile(String text) throws SyntaxFailure {
    try {
      return Pattern.compile(Regex.toJava(text, true));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new SyntaxFailure("bad regex '" + text + "'");
    }
  }

  private static boolean isKeyword(String name) {
    return List.of("BEGIN", "END", "print", "printf", "if", "else", "while", "for", "next", "exit", "length",
        "getline", "function", "delete", "in", "do", "return").contains(name);
  }

  /** An assignable place: a variable or a field. */
  private interface Lvalue {
    Object get(AwkRun r);

    void set(AwkRun r, Object value);
  }

  private static double arith(String op, double a, double b) {
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> {
        if (b == 0) {
          throw new ArithmeticException("Division by zero");
        }
        yield a / b;
      }
      default -> {
        if (b == 0) {
          throw new ArithmeticException("Division by zero");
        }
        yield a % b;
      }
    };
  }
}
