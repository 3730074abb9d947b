package io.mockdocker.internal.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code awk [-F SEP] [-v VAR=VAL]... 'PROGRAM' [FILE | VAR=VAL]...}: a small awk. Rules {@code BEGIN}, {@code END},
 * {@code /RE/}, expressions and bare actions; statements {@code print} and {@code printf}, assignments (also
 * {@code += -= *= /= ++ --}), {@code if}/{@code else}, {@code while}, {@code for(;;)}, {@code next} and
 * {@code exit}; fields {@code $N}, {@code $NF}, {@code $0} (assignable), {@code NR NF FNR FS OFS ORS FILENAME},
 * arithmetic, comparison, {@code ~ !~ && || !}, concatenation, and {@code length substr index toupper tolower int
 * sprintf}. Arrays, user functions, getline and output redirection are refused with a syntax error, never ignored.
 *
 * <p>This class holds the entry point and the types the parts share; {@link AwkLexer} cuts the program into
 * tokens, {@link AwkParser} builds the rules, and {@link AwkRun} holds the state of one run.
 */
final class Awk {
  private Awk() {}

  /** A program that does not parse. */
  static final class SyntaxFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** The process was killed while a loop ran: unwinds out of the program as an interrupt. */
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super(null, null, false, false);
    }
  }

  /** {@code next} or {@code exit}, unwinding out of the rule. */
  static final class Jump extends RuntimeException {
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
  record Str(String text, boolean input) {}

  /** An expression, evaluated against a run. */
  interface Expr {
    Object eval(AwkRun r);
  }

  /** A statement, executed against a run. */
  interface Stmt {
    void exec(AwkRun r);
  }

  /** One rule: {@code BEGIN}, {@code END} or {@code main} with an optional pattern, and its action. */
  record Rule(String kind, Expr pattern, Stmt action) {}

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
      rules = new AwkParser(AwkLexer.lex(source)).program();
    } catch (SyntaxFailure e) {
      p.err("awk: cmd. line:1: " + e.getMessage() + "\n");
      return 1;
    }
    AwkRun r = new AwkRun();
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
