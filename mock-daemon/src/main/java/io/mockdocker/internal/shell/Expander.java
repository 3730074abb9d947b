package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Param;
import io.mockdocker.internal.shell.Ast.Part;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Word expansion: tilde, parameters and field splitting of unquoted parameter values on blanks (the default IFS).
 * No pathname expansion: {@code *} stays literal.
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
    for (int k = 0; k < parts.size(); k++) {
      Part part = parts.get(k);
      if (part instanceof Literal literal) {
        String text = k == 0 && !literal.quoted() ? tilde(literal.text(), state) : literal.text();
        current.append(text);
        started |= literal.quoted() || !text.isEmpty();
      } else if (part instanceof Param param) {
        String value = value(param.name(), state);
        if (param.quoted()) {
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
      } else if (part instanceof Param param) {
        out.append(value(param.name(), state));
      }
    }
    return out.toString();
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
