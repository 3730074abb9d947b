package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.Arith;
import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Param;
import io.mockdocker.internal.shell.Ast.ParamOp;
import io.mockdocker.internal.shell.Ast.Part;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Word expansion: tilde, parameters, arithmetic and field splitting of unquoted values on blanks (the default
 * IFS); {@code "$@"} is one field per argument. No pathname expansion: {@code *} stays literal.
 */
final class Expander {
  private static final String IFS = " \t\n";

  private Expander() {}

  /** The fields {@code words} expand to, in order. */
  static List<String> fields(List<Word> words, ShellState state) {
    List<String> out = new ArrayList<>();
    for (Word word : words) {
      out.addAll(fields(word, state));
    }
    return out;
  }

  /** The fields one word expands to: none for an unquoted empty value, several when a value splits. */
  static List<String> fields(Word word, ShellState state) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean started = false;
    List<Part> parts = word.parts();
    if (parts.equals(List.of(new Param("@", true), new Literal("", true))) && state.arguments().isEmpty()) {
      return out;
    }
    for (int k = 0; k < parts.size(); k++) {
      Part part = parts.get(k);
      if (part instanceof Literal literal) {
        String text = k == 0 && !literal.quoted() ? tilde(literal.text(), state) : literal.text();
        current.append(text);
        started |= literal.quoted() || !text.isEmpty();
      } else if (part instanceof Param param && param.quoted() && param.name().equals("@")) {
        List<String> arguments = state.arguments();
        for (int a = 0; a < arguments.size(); a++) {
          if (a > 0) {
            out.add(current.toString());
            current.setLength(0);
          }
          current.append(arguments.get(a));
          started = true;
        }
      } else {
        String value = expand(part, state);
        if (quoted(part)) {
          current.append(value);
          started = true;
          continue;
        }
        for (char c : value.toCharArray()) {
          if (IFS.indexOf(c) >= 0) {
            if (started) {
              out.add(current.toString());
              current.setLength(0);
              started = false;
            }
          } else {
            current.append(c);
            started = true;
          }
        }
      }
    }
    if (started) {
      out.add(current.toString());
    }
    return out;
  }

  /** One word as a single string, without field splitting (assignments, redirection targets). */
  static String string(Word word, ShellState state) {
    StringBuilder out = new StringBuilder();
    List<Part> parts = word.parts();
    for (int k = 0; k < parts.size(); k++) {
      Part part = parts.get(k);
      if (part instanceof Literal literal) {
        out.append(k == 0 && !literal.quoted() ? tilde(literal.text(), state) : literal.text());
      } else {
        out.append(expand(part, state));
      }
    }
    return out.toString();
  }

  /**
   * Whether a parameter or arithmetic part escapes field splitting: written inside double quotes, or an operator's
   * word that has quoted text ({@code ${X:-'a  b'}}).
   */
  private static boolean quoted(Part part) {
    if (part instanceof ParamOp op) {
      return op.quoted() || op.word().parts().stream().anyMatch(p -> p instanceof Literal l && l.quoted());
    }
    return part instanceof Param param ? param.quoted() : ((Arith) part).quoted();
  }

  /** The text of a parameter, parameter operator or arithmetic part. */
  private static String expand(Part part, ShellState state) {
    if (part instanceof Param param) {
      return value(param.name(), state);
    }
    if (part instanceof ParamOp op) {
      return operator(op, state);
    }
    return arith((Arith) part, state);
  }

  /**
   * {@code ${NAME OP WORD}}: defaults ({@code :- -}), assigned defaults ({@code := =}), alternatives ({@code :+ +}),
   * errors ({@code :? ?}), the shortest or longest prefix ({@code # ##}) or suffix ({@code % %%}) matching a glob
   * removed, and {@code ${#NAME}}. The colon forms treat an empty value as unset.
   */
  private static String operator(ParamOp op, ShellState state) {
    String value = isSet(op.name(), state) ? value(op.name(), state) : null;
    if (op.op().equals("length")) {
      return Integer.toString(value == null ? 0 : value.codePointCount(0, value.length()));
    }
    boolean colon = op.op().startsWith(":");
    boolean missing = value == null || colon && value.isEmpty();
    switch (op.op().replace(":", "")) {
      case "-":
        return missing ? string(op.word(), state) : value;
      case "=":
        if (missing) {
          if (!Lexer.isName(op.name())) {
            throw new Arithmetic.Failure(op.name() + ": bad variable name");
          }
          Interpreter.assign(state, op.name(), string(op.word(), state));
          return state.get(op.name());
        }
        return value;
      case "+":
        return missing ? "" : string(op.word(), state);
      case "?":
        if (missing) {
          String message = string(op.word(), state);
          throw new Arithmetic.Failure(op.name() + ": " + (message.isEmpty() ? "parameter not set" : message));
        }
        return value;
      default:
        return strip(value == null ? "" : value, op.op(), pattern(op.word(), state));
    }
  }

  /** {@code value} without the shortest/longest prefix ({@code #}, {@code ##}) or suffix matching {@code glob}. */
  private static String strip(String value, String op, String glob) {
    java.util.regex.Pattern p = Find.glob(glob, false);
    boolean prefix = op.startsWith("#");
    boolean longest = op.length() == 2;
    int n = value.length();
    for (int k = 0; k <= n; k++) {
      int len = longest ? n - k : k;
      String piece = prefix ? value.substring(0, len) : value.substring(n - len);
      if (p.matcher(piece).matches()) {
        return prefix ? value.substring(len) : value.substring(0, n - len);
      }
    }
    return value;
  }

  /** Whether a parameter has a value (possibly empty): a set variable, an existing argument, a special one. */
  private static boolean isSet(String name, ShellState state) {
    if (Character.isDigit(name.charAt(0))) {
      int index = Integer.parseInt(name);
      return index == 0 || index <= state.arguments().size();
    }
    return name.length() == 1 && "?#$@*!-".contains(name) || state.get(name) != null;
  }

  /**
   * A word as a {@code case} pattern: the text with every quoted character escaped, so that only unquoted
   * {@code * ? [...]} match as globs.
   */
  static String pattern(Word word, ShellState state) {
    StringBuilder out = new StringBuilder();
    for (Part part : word.parts()) {
      boolean quoted = part instanceof Literal literal ? literal.quoted() : quoted(part);
      String text = part instanceof Literal literal ? literal.text() : expand(part, state);
      for (char c : text.toCharArray()) {
        if (quoted || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The value of {@code $((...))}: its parameters ({@code $NAME}, {@code ${NAME}}, {@code $1}, {@code $#}...) are
   * expanded first, then it is evaluated.
   *
   * @throws Arithmetic.Failure for a malformed expression or a division by zero
   */
  static String arith(Arith arith, ShellState state) {
    String expression = arith.expression();
    StringBuilder expanded = new StringBuilder();
    for (int k = 0; k < expression.length(); k++) {
      char c = expression.charAt(k);
      if (c != '$' || k + 1 == expression.length()) {
        expanded.append(c);
        continue;
      }
      int start = k + 1;
      int end;
      String name;
      if (expression.charAt(start) == '{' && expression.indexOf('}', start) > 0) {
        end = expression.indexOf('}', start) + 1;
        name = expression.substring(start + 1, end - 1);
      } else {
        end = start;
        while (end < expression.length() && Lexer.isNameChar(expression.charAt(end))) {
          end++;
        }
        if (end == start && "?#$!-@*".indexOf(expression.charAt(start)) >= 0) {
          end++;
        } else if (end > start && Character.isDigit(expression.charAt(start))) {
          end = start + 1;
        }
        name = expression.substring(start, end);
      }
      if (name.isEmpty()) {
        expanded.append(c);
        continue;
      }
      expanded.append(value(name, state));
      k = end - 1;
    }
    return Long.toString(Arithmetic.eval(expression, expanded.toString(), state));
  }

  static String value(String name, ShellState state) {
    switch (name) {
      case "?":
        return Integer.toString(state.status());
      case "#":
        return Integer.toString(state.arguments().size());
      case "@":
      case "*":
        return String.join(" ", state.arguments());
      case "$":
        return "1";
      case "!":
      case "-":
        return "";
      default:
        break;
    }
    if (Character.isDigit(name.charAt(0))) {
      return state.positional(Integer.parseInt(name));
    }
    String value = state.get(name);
    return value == null ? "" : value;
  }

  private static String tilde(String text, ShellState state) {
    if (text.equals("~") || text.startsWith("~/")) {
      String home = state.get("HOME");
      String base = home == null || home.isEmpty() ? "/" : home;
      return base.endsWith("/") && text.length() > 1 ? base + text.substring(2) : base + text.substring(1);
    }
    return text;
  }
}
