package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code test EXPR} and {@code [ EXPR ]}: {@code -d -f -e -s -L -h -r -w -x -z -n}, {@code = != -eq -ne -lt -le
 * -gt -ge} and {@code !}, by argument count as POSIX specifies. Errors are status 2 with dash's messages.
 */
final class TestCommand {
  private final Proc p;
  private final String name;

  private TestCommand(Proc p) {
    this.p = p;
    this.name = p.name();
  }

  static int run(Proc p) throws IOException {
    return new TestCommand(p).evaluate();
  }

  private int evaluate() throws IOException {
    List<String> args = p.operands();
    if (name.equals("[")) {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        return error("missing ]");
      }
      args = args.subList(0, args.size() - 1);
    }
    try {
      return expression(args) ? 0 : 1;
    } catch (TestError e) {
      return error(e.getMessage());
    }
  }

  private boolean expression(List<String> a) throws TestError, IOException {
    switch (a.size()) {
      case 0:
        return false;
      case 1:
        return !a.get(0).isEmpty();
      case 2:
        if (a.get(0).equals("!")) {
          return !expression(a.subList(1, 2));
        }
        return unary(a.get(0), a.get(1));
      case 3:
        if (isBinary(a.get(1))) {
          return binary(a.get(0), a.get(1), a.get(2));
        }
        if (a.get(0).equals("!")) {
          return !expression(a.subList(1, 3));
        }
        throw new TestError(a.get(1) + ": unexpected operator");
      case 4:
        if (a.get(0).equals("!")) {
          return !expression(a.subList(1, 4));
        }
        throw new TestError(a.get(2) + ": unexpected operator");
      default:
        throw new TestError("too many arguments");
    }
  }

  private boolean unary(String op, String operand) throws TestError, IOException {
    switch (op) {
      case "-z":
        return operand.isEmpty();
      case "-n":
        return !operand.isEmpty();
      case "-L":
      case "-h":
        return Files.isSymbolicLink(path(operand, false));
      default:
        break;
    }
    Path path = path(operand, true);
    return switch (op) {
      case "-e", "-r", "-w" -> Files.exists(path);
      case "-f" -> Files.isRegularFile(path);
      case "-d" -> Files.isDirectory(path);
      case "-s" -> Files.isRegularFile(path) ? Files.size(path) > 0 : Files.exists(path);
      case "-x" -> Files.isDirectory(path) || Files.isRegularFile(path) && Files.isExecutable(path);
      default -> throw new TestError(op + ": unexpected operator");
    };
  }

  private Path path(String operand, boolean follow) {
    try {
      return p.fs().resolve(operand, follow);
    } catch (IOException e) {
      return p.ctx().root().resolve("\0nonexistent");
    }
  }

  private static boolean isBinary(String op) {
    return List.of("=", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge").contains(op);
  }

  private static boolean binary(String left, String op, String right) throws TestError {
    if (op.equals("=")) {
      return left.equals(right);
    }
    if (op.equals("!=")) {
      return !left.equals(right);
    }
    long l = number(left);
    long r = number(right);
    return switch (op) {
      case "-eq" -> l == r;
      case "-ne" -> l != r;
      case "-lt" -> l < r;
      case "-le" -> l <= r;
      case "-gt" -> l > r;
      default -> l >= r;
    };
  }

  private static long number(String s) throws TestError {
    String t = s.strip();
    if (!t.matches("[-+]?\\d{1,18}")) {
      throw new TestError("Illegal number: " + s);
    }
    return Long.parseLong(t);
  }

  private int error(String message) throws IOException {
    p.err("/bin/sh: " + name + ": " + message + "\n");
    return 2;
  }

  private static final class TestError extends Exception {
    private static final long serialVersionUID = 1L;

    TestError(String message) {
      super(message, null, false, false);
    }
  }
}
