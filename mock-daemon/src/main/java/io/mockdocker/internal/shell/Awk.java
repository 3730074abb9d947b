package io.mockdocker.internal.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code awk [-F SEP] [-v VAR=VAL]... 'PROGRAM' [FILE | VAR=VAL]...}: a small awk. Rules {@code BEGIN}, {@code END},
 * {@code /RE/}, expressions and bare actions; statements {@code print} and {@code printf}, assignments (also
 * {@code += -= *= /= ++ --}), {@code if}/{@code else}, {@code while}, {@code for(;;)}, {@code next} and
 * {@code exit}; fields {@code $N}, {@code $NF}, {@code $0} (assignable), {@code NR NF FNR FS OFS ORS FILENAME},
 * arithmetic, comparison, {@code ~ !~ && || !}, concatenation, and {@code length substr index toupper tolower int
 * sprintf}. Arrays, user functions, getline and output redirection are refused with a syntax error, never ignored.
 */
final class Awk {
  private Awk() {}

  /** A program that does not parse. */
  private static final class SyntaxFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** The process was killed while a loop ran: unwinds out of the program as an interrupt. */
  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super(null, null, false, false);
    }
  }

  /** {@code next} or {@code exit}, unwinding out of the rule. */
  private static final class Jump extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean exit;
    final int code;

    Jump(boolean exit, int code) {
      super(null, null, false, false);
      this.exit = exit;
      this.code = code;
    }
  }

  /** A string from the input (compared as a number when it looks like one) or a string constant. */
  private record Str(String text, boolean input) {}

  private interface Expr {
    Object eval(Run r);
  }

  private interface Stmt {
    void exec(Run r);
  }

  private record Rule(String kind, Expr pattern, Stmt action) {}

  // ---- lexer ----

  private record Tok(String kind, String text) {}

  private static List<Tok> lex(String src) throws SyntaxFailure {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
        continue;
      }
      if (c == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
        i += 2;
        continue;
      }
      if (c == '#') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '\n' || c == ';') {
        out.add(new Tok(";", String.valueOf(c)));
        i++;
        continue;
      }
      if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1))) {
        int s = i;
        while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
          i++;
          if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
            i++;
          }
          while (i < n && Character.isDigit(src.charAt(i))) {
            i++;
          }
        }
        out.add(new Tok("num", src.substring(s, i)));
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        out.add(new Tok("name", src.substring(s, i)));
        continue;
      }
      if (c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n && src.charAt(i) != '"') {
          if (src.charAt(i) == '\\' && i + 1 < n) {
            if (src.charAt(i + 1) == '/') {
              sb.append('/');
              i += 2;
              continue;
            }
            int end = Printf.escape(src, i, sb, false);
            i = (end < 0 ? i + 1 : end) + 1;
          } else {
            sb.append(src.charAt(i++));
          }
        }
        if (i >= n) {
          throw new SyntaxFailure("Unexpected end of string");
        }
        i++;
        out.add(new Tok("str", sb.toString()));
        continue;
      }
      if (c == '/' && regexAllowed(out)) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n && src.charAt(i) != '/') {
          if (src.charAt(i) == '\\' && i + 1 < n) {
            if (src.charAt(i + 1) == '/') {
              sb.append('/');
            } else {
              sb.append('\\').append(src.charAt(i + 1));
            }
            i += 2;
          } else {
            sb.append(src.charAt(i++));
          }
        }
        if (i >= n) {
          throw new SyntaxFailure("Unexpected end of string");
        }
        i++;
        out.add(new Tok("re", sb.toString()));
        continue;
      }
      String two = i + 1 < n ? src.substring(i, i + 2) : "";
      if (List.of("&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "++", "--", "!~", ">>")
          .contains(two)) {
        out.add(new Tok(two, two));
        i += 2;
        continue;
      }
      if ("{}()$,<>=!~+-*/%?:[]|".indexOf(c) >= 0) {
        out.add(new Tok(String.valueOf(c), String.valueOf(c)));
        i++;
        continue;
      }
      throw new SyntaxFailure("Unexpected token");
    }
    out.add(new Tok("eof", ""));
    return out;
  }

  private static boolean regexAllowed(List<Tok> before) {
    if (before.isEmpty()) {
      return true;
    }
    String k = before.get(before.size() - 1).kind();
    return !(k.equals("num") || k.equals("str") || k.equals("name") || k.equals(")") || k.equals("$")
        || k.equals("]") || k.equals("++") || k.equals("--"));
  }

  // ---- parser ----

  private static final class Parser {
    private final List<Tok> toks;
    private int at;

    Parser(List<Tok> toks) {
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
          public Object get(Run r) {
            return r.var(name);
          }

          public void set(Run r, Object v) {
            r.setVar(name, v);
          }
        };
      }
      if (is("$")) {
        take("$");
        Expr index = primary();
        return new Lvalue() {
          public Object get(Run r) {
            return r.field((int) r.num(index.eval(r)));
          }

          public void set(Run r, Object v) {
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
  }

  private static boolean isKeyword(String name) {
    return List.of("BEGIN", "END", "print", "printf", "if", "else", "while", "for", "next", "exit", "length",
        "getline", "function", "delete", "in", "do", "return").contains(name);
  }

  private interface Lvalue {
    Object get(Run r);

    void set(Run r, Object value);
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

  // ---- runtime ----

  private static final Pattern NUMBER = Pattern.compile("\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*");
  private static final Pattern LEADING = Pattern.compile("\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** One run: variables, the current record and its fields, and the output. */
  private static final class Run {
    final Map<String, Object> vars = new HashMap<>();
    final StringBuilder out = new StringBuilder();
    final Map<String, Pattern> regexes = new HashMap<>();
    List<String> fields = new ArrayList<>();
    String record = "";
    long steps;

    Object var(String name) {
      if (name.equals("NF")) {
        return (double) (fields.size());
      }
      return vars.getOrDefault(name, new Str("", true));
    }

    void setVar(String name, Object v) {
      if (name.equals("NF")) {
        int nf = (int) num(v);
        while (fields.size() < nf) {
          fields.add("");
        }
        fields = new ArrayList<>(fields.subList(0, Math.max(0, nf)));
        rebuild();
        return;
      }
      vars.put(name, v);
    }

    Str field(int k) {
      if (k < 0) {
        throw new ArithmeticException("Access to negative field");
      }
      if (k == 0) {
        return new Str(record, true);
      }
      return new Str(k <= fields.size() ? fields.get(k - 1) : "", true);
    }

    void setField(int k, String v) {
      if (k == 0) {
        setRecord(v);
        return;
      }
      while (fields.size() < k) {
        fields.add("");
      }
      fields.set(k - 1, v);
      rebuild();
    }

    private void rebuild() {
      record = String.join(str(var("OFS")), fields);
    }

    void setRecord(String text) {
      record = text;
      fields = split(text, str(var("FS")));
    }

    List<String> split(String text, String fs) {
      List<String> out = new ArrayList<>();
      if (fs.equals(" ")) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty()) {
          out.addAll(List.of(trimmed.split("[ \\t\\n]+")));
        }
        return out;
      }
      if (text.isEmpty()) {
        return out;
      }
      String re = fs.length() == 1 && fs.charAt(0) != '\\' ? Pattern.quote(fs)
          : fs.equals("\t") ? "\t" : Regex.toJava(fs, true);
      out.addAll(List.of(text.split(re, -1)));
      return out;
    }

    Pattern regex(String text) {
      return regexes.computeIfAbsent(text, t -> Pattern.compile(Regex.toJava(t, true)));
    }

    void tick() {
      if (++steps % 4096 == 0 && Thread.currentThread().isInterrupted()) {
        throw new Killed();
      }
    }

    String str(Object v) {
      if (v instanceof Str s) {
        return s.text();
      }
      if (v instanceof Pattern p) {
        return p.pattern();
      }
      double d = (Double) v;
      if (d == Math.rint(d) && Math.abs(d) < 1e16) {
        return Long.toString((long) d);
      }
      return cFormat(str(var("CONVFMT")), d);
    }

    double num(Object v) {
      if (v instanceof Double d) {
        return d;
      }
      String s = v instanceof Str str ? str.text() : String.valueOf(v);
      java.util.regex.Matcher m = LEADING.matcher(s);
      return m.lookingAt() ? Double.parseDouble(m.group().strip()) : 0;
    }

    boolean truth(Object v) {
      if (v instanceof Double d) {
        return d != 0;
      }
      if (v instanceof Str s && s.input() && NUMBER.matcher(s.text()).matches()) {
        return num(s) != 0;
      }
      return !str(v).isEmpty();
    }

    private boolean numeric(Object v) {
      return v instanceof Double || v instanceof Str s && s.input() && NUMBER.matcher(s.text()).matches();
    }

    boolean compare(Object a, Object b, String op) {
      int c = numeric(a) && numeric(b) ? Double.compare(num(a), num(b)) : str(a).compareTo(str(b));
      return switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case ">=" -> c >= 0;
        default -> c > 0;
      };
    }

    void print(List<Expr> args, boolean formatted) {
      if (formatted) {
        out.append(sprintf(args));
        return;
      }
      if (args.isEmpty()) {
        out.append(record).append(str(var("ORS")));
        return;
      }
      List<String> parts = new ArrayList<>();
      for (Expr e : args) {
        Object v = e.eval(this);
        parts.add(v instanceof Double d && d != Math.rint(d) ? cFormat(str(var("OFMT")), d) : str(v));
      }
      out.append(String.join(str(var("OFS")), parts)).append(str(var("ORS")));
    }

    String sprintf(List<Expr> args) {
      List<String> values = new ArrayList<>();
      for (int k = 1; k < args.size(); k++) {
        Object v = args.get(k).eval(this);
        values.add(v instanceof Double d && d != Math.rint(d) ? Double.toString(d) : str(v));
      }
      StringBuilder sb = new StringBuilder();
      StringBuilder errors = new StringBuilder();
      String format = str(args.get(0).eval(this));
      Printf.format(format.replace("\\", "\\\\"), values, sb, errors);
      return sb.toString();
    }
  }

  /** C's {@code %.6g} (and friends) without Java's trailing zeros. */
  static String cFormat(String format, double d) {
    if (!format.matches("%\\.\\d+g")) {
      return String.format(format.replace("%.", "%."), d);
    }
    int precision = Math.max(1, Integer.parseInt(format.substring(2, format.length() - 1)));
    String s = new java.math.BigDecimal(d).round(new java.math.MathContext(precision)).stripTrailingZeros()
        .toPlainString();
    double exponent = d == 0 ? 0 : Math.floor(Math.log10(Math.abs(d)));
    if (exponent < -4 || exponent >= precision) {
      String e = String.format("%." + (precision - 1) + "e", d);
      String mantissa = e.substring(0, e.indexOf('e'));
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return mantissa + e.substring(e.indexOf('e'));
    }
    return s;
  }

  static int run(Proc p) throws IOException, InterruptedException {
    String synopsis = "awk [OPTIONS] [AWK_PROGRAM] [FILE]...";
    Options o = Options.parse(p, p.operands(), "", "Fvfe", true, synopsis);
    if (o == null) {
      return 1;
    }
    List<String> operands = new ArrayList<>(o.operands());
    String source;
    if (o.has('f')) {
      byte[] data = TextCommands.read(p, o.value('f', ""));
      if (data == null) {
        return 1;
      }
      source = TextCommands.text(data);
    } else if (o.has('e')) {
      source = String.join("\n", o.values('e'));
    } else if (operands.isEmpty()) {
      return Options.usage(p, null, synopsis);
    } else {
      source = operands.remove(0);
    }
    List<Rule> rules;
    try {
      rules = new Parser(lex(source)).program();
    } catch (SyntaxFailure e) {
      p.err("awk: cmd. line:1: " + e.getMessage() + "\n");
      return 1;
    }
    Run r = new Run();
    r.vars.put("FS", new Str(" ", false));
    r.vars.put("OFS", new Str(" ", false));
    r.vars.put("ORS", new Str("\n", false));
    r.vars.put("OFMT", new Str("%.6g", false));
    r.vars.put("CONVFMT", new Str("%.6g", false));
    r.vars.put("NR", 0.0);
    r.vars.put("FNR", 0.0);
    r.vars.put("FILENAME", new Str("", false));
    if (o.has('F')) {
      String fs = o.value('F', " ");
      StringBuilder unescaped = new StringBuilder();
      for (int i = 0; i < fs.length(); i++) {
        if (fs.charAt(i) == '\\' && i + 1 < fs.length() && fs.charAt(i + 1) == 't') {
          unescaped.append('\t');
          i++;
        } else {
          unescaped.append(fs.charAt(i));
        }
      }
      r.vars.put("FS", new Str(fs.equals("t") ? "\t" : unescaped.toString(), false));
    }
    for (String v : o.values('v')) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        p.err("awk: -v: invalid assignment '" + v + "'\n");
        return 1;
      }
      r.vars.put(v.substring(0, eq), new Str(v.substring(eq + 1), true));
    }
    Integer exit = null;
    int status = 0;
    try {
      try {
        for (Rule rule : rules) {
          if (rule.kind().equals("BEGIN")) {
            rule.action().exec(r);
          }
        }
        boolean hasMain = rules.stream().anyMatch(x -> !x.kind().equals("BEGIN"));
        List<String> inputs = operands.isEmpty() ? List.of("-") : operands;
        boolean anyFile = operands.stream().anyMatch(a -> !a.matches("[A-Za-z_][A-Za-z0-9_]*=.*"));
        if (hasMain) {
          for (String input : anyFile ? inputs : concat(inputs, "-")) {
            if (input.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
              int eq = input.indexOf('=');
              r.vars.put(input.substring(0, eq), new Str(input.substring(eq + 1), true));
              continue;
            }
            byte[] data = TextCommands.read(p, input);
            if (data == null) {
              status = 2;
              continue;
            }
            r.vars.put("FILENAME", new Str(input.equals("-") ? "" : input, false));
            r.vars.put("FNR", 0.0);
            for (String line : TextCommands.lines(TextCommands.text(data))) {
              Proc.checkInterrupt();
              r.setRecord(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
              r.vars.put("NR", r.num(r.var("NR")) + 1);
              r.vars.put("FNR", r.num(r.var("FNR")) + 1);
              try {
                for (Rule rule : rules) {
                  if (rule.kind().equals("main") && (rule.pattern() == null || r.truth(rule.pattern().eval(r)))) {
                    rule.action().exec(r);
                  }
                }
              } catch (Jump j) {
                if (j.exit) {
                  throw j;
                }
              }
              if (r.out.length() > 8192) {
                p.out(r.out.toString());
                r.out.setLength(0);
              }
            }
          }
        }
      } catch (Jump j) {
        exit = j.code;
      }
      try {
        for (Rule rule : rules) {
          if (rule.kind().equals("END")) {
            rule.action().exec(r);
          }
        }
      } catch (Jump j) {
        if (j.exit) {
          exit = j.code;
        }
      }
    } catch (Killed e) {
      throw new InterruptedException("killed while awk ran");
    } catch (ArithmeticException e) {
      p.out(r.out.toString());
      p.err("awk: cmd. line:1: " + e.getMessage() + "\n");
      return 2;
    }
    p.out(r.out.toString());
    return exit != null ? exit : status;
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }
}
