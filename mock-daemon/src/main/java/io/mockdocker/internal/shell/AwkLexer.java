package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Awk.SyntaxFailure;
import java.util.ArrayList;
import java.util.List;

/** The awk lexer: cuts a program's source into tokens, telling a regex {@code /RE/} from a division. */
final class AwkLexer {
  private AwkLexer() {}

  /** One token: its kind ({@code num str re name eof}, or the operator itself) and its text. */
  record Tok(String kind, String text) {}

  static List<Tok> lex(String src) throws SyntaxFailure {
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

}
