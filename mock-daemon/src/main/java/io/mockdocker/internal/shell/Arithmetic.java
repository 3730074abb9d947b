package io.mockdocker.internal.shell;

/**
 * {@code $((...))}: signed 64-bit integers, decimal, {@code 0x} hex and leading-zero octal constants, variables
 * with or without {@code $} (unset or empty is 0), the C operators ({@code + - * / % << >> < <= > >= == != & ^ |
 * && || ! ~ ?:}), parentheses and the assignments {@code = += -= *= /= %=}. Errors read as dash prints them.
 */
final class Arithmetic {
  private static final String[][] LEVELS = {
      {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"},
      {"*", "/", "%"}};

  /** Every operator, longer ones first, so that {@code <} is not read from {@code <<} or {@code <=}. */
  private static final String[] TOKENS = {
      "<<=", ">>=", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
      "<", ">", "&", "|", "^", "+", "-", "*", "/", "%", "=", "!", "~", "?", ":"};

  private final String source;
  private final String text;
  private final ShellState state;
  private int i;

  private Arithmetic(String source, String text, ShellState state) {
    this.source = source;
    this.text = text;
    this.state = state;
  }

  /** A failed expansion: the message as the shell prints it (after {@code /bin/sh: }); the shell then exits 2. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** Evaluates {@code expression} ({@code $} parameters already expanded into {@code expanded}). */
  static long eval(String expression, String expanded, ShellState state) {
    Arithmetic a = new Arithmetic(expression, expanded, state);
    long value = a.assignment(true);
    a.blanks();
    if (a.i < a.text.length()) {
      throw a.error("expecting EOF");
    }
    return value;
  }

  private long assignment(boolean live) {
    blanks();
    int start = i;
    String name = name();
    if (name != null) {
      blanks();
      for (String op : new String[] {"=", "+=", "-=", "*=", "/=", "%="}) {
        if (text.startsWith(op, i) && !text.startsWith("==", i)) {
          i += op.length();
          long right = assignment(live);
          if (!live) {
            return 0;
          }
          long value = op.equals("=") ? right : apply(op.substring(0, 1), variable(name), right);
          state.set(name, Long.toString(value));
          return value;
        }
      }
      i = start;
    }
    return conditional(live);
  }

  private long conditional(boolean live) {
    long condition = binary(0, live);
    blanks();
    if (i < text.length() && text.charAt(i) == '?') {
      i++;
      long yes = assignment(live && condition != 0);
      blanks();
      if (i >= text.length() || text.charAt(i) != ':') {
        throw error("expecting ':'");
      }
      i++;
      long no = conditional(live && condition == 0);
      return condition != 0 ? yes : no;
    }
    return condition;
  }

  private long binary(int level, boolean live) {
    if (level == LEVELS.length) {
      return unary(live);
    }
    long left = binary(level + 1, live);
    while (true) {
      blanks();
      String op = operator(LEVELS[level]);
      if (op == null) {
        return left;
      }
      i += op.length();
      boolean rightLive = live && !(op.equals("&&") && left == 0) && !(op.equals("||") && left != 0);
      long right = binary(level + 1, rightLive);
      left = live ? apply(op, left, right) : 0;
    }
  }

  /** The operator of {@code ops} at the cursor, when the longest operator there is one of them. */
  private String operator(String[] ops) {
    String longest = null;
    for (String token : TOKENS) {
      if (text.startsWith(token, i)) {
        longest = token;
        break;
      }
    }
    for (String op : ops) {
      if (op.equals(longest)) {
        return op;
      }
    }
    return null;
  }

  private long unary(boolean live) {
    blanks();
    if (i >= text.length()) {
      throw error("expecting primary");
    }
    char c = text.charAt(i);
    switch (c) {
      case '-', '+', '!', '~' -> {
        i++;
        long v = unary(live);
        return switch (c) {
          case '-' -> -v;
          case '+' -> v;
          case '!' -> v == 0 ? 1 : 0;
          default -> ~v;
        };
      }
      case '(' -> {
        i++;
        long v = assignment(live);
        blanks();
        if (i >= text.length() || text.charAt(i) != ')') {
          throw error("expecting ')'");
        }
        i++;
        return v;
      }
      default -> {
        if (Character.isDigit(c)) {
          int start = i;
          while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
          }
          return number(text.substring(start, i));
        }
        String name = name();
        if (name == null) {
          throw error("expecting primary");
        }
        return live ? variable(name) : 0;
      }
    }
  }

  private long apply(String op, long a, long b) {
    return switch (op) {
      case "||" -> a != 0 || b != 0 ? 1 : 0;
      case "&&" -> a != 0 && b != 0 ? 1 : 0;
      case "|" -> a | b;
      case "^" -> a ^ b;
      case "&" -> a & b;
      case "==" -> a == b ? 1 : 0;
      case "!=" -> a != b ? 1 : 0;
      case "<" -> a < b ? 1 : 0;
      case "<=" -> a <= b ? 1 : 0;
      case ">" -> a > b ? 1 : 0;
      case ">=" -> a >= b ? 1 : 0;
      case "<<" -> a << b;
      case ">>" -> a >> b;
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/", "%" -> {
        if (b == 0) {
          throw error("division by zero");
        }
        yield op.equals("/") ? a / b : a % b;
      }
      default -> throw new IllegalStateException(op);
    };
  }

  private long variable(String name) {
    String value = state.get(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return number(value.strip());
    } catch (Failure e) {
      throw new Failure("Illegal number: " + value);
    }
  }

  private long number(String digits) {
    try {
      if (digits.startsWith("0x") || digits.startsWith("0X")) {
        return Long.parseLong(digits.substring(2), 16);
      }
      if (digits.length() > 1 && digits.startsWith("0")) {
        return Long.parseLong(digits.substring(1), 8);
      }
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new Failure("Illegal number: " + digits);
    }
  }

  private String name() {
    int start = i;
    if (i < text.length() && (text.charAt(i) == '_' || Character.isLetter(text.charAt(i)) && text.charAt(i) < 128)) {
      while (i < text.length() && Lexer.isNameChar(text.charAt(i))) {
        i++;
      }
      return text.substring(start, i);
    }
    return null;
  }

  private void blanks() {
    while (i < text.length() && " \t\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
  }

  private Failure error(String what) {
    return new Failure("arithmetic expression: " + what + ": \"" + source + "\"");
  }
}
