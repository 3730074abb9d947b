package io.mockdocker.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sh} / {@code bash}: {@code -c SCRIPT [NAME [ARGS...]]}, {@code FILE [ARGS...]}, or commands read line by
 * line from stdin until end of file, each run as soon as it is complete (no prompt: stdin is not a terminal).
 */
final class ShellProgram {
  private static final String IGNORED_OPTIONS = "abefhilmnpuvxCEP";

  private ShellProgram() {}

  static int run(Proc proc) throws IOException, InterruptedException {
    List<String> args = proc.operands();
    boolean command = false;
    boolean stdin = false;
    int k = 0;
    while (k < args.size()) {
      String a = args.get(k);
      if (a.equals("--") || a.equals("-")) {
        k++;
        break;
      }
      if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
        break;
      }
      k++;
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'c') {
          command = true;
        } else if (c == 's') {
          stdin = true;
        } else if (c == 'o') {
          k++;
        } else if (IGNORED_OPTIONS.indexOf(c) < 0) {
          proc.err("/bin/sh: Illegal option -" + c + "\n");
          return 2;
        }
      }
    }
    List<String> positional = new ArrayList<>();
    if (command) {
      if (k >= args.size()) {
        proc.err("/bin/sh: -c requires an argument\n");
        return 2;
      }
      positional.add(k + 1 < args.size() ? args.get(k + 1) : proc.args().get(0));
      positional.addAll(args.subList(Math.min(k + 2, args.size()), args.size()));
      return runText(args.get(k), proc, state(proc, positional));
    }
    if (!stdin && k < args.size()) {
      String file = args.get(k);
      positional.addAll(args.subList(k, args.size()));
      byte[] text;
      try (InputStream in = proc.fs().openRead(file)) {
        text = in.readAllBytes();
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        proc.err("/bin/sh: Can't open " + file + "\n");
        return 127;
      }
      return runText(new String(text, StandardCharsets.UTF_8), proc, state(proc, positional));
    }
    positional.add(proc.args().get(0));
    positional.addAll(args.subList(k, args.size()));
    return runStdin(proc, state(proc, positional));
  }

  private static ShellState state(Proc proc, List<String> positional) {
    return ShellState.of(proc.state().environment(), proc.state().cwd(), positional);
  }

  /** A script given as text runs as dash runs it: line by line, each complete command before the next is read. */
  private static int runText(String text, Proc proc, ShellState state) throws IOException, InterruptedException {
    return runLines(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), proc, state);
  }

  /** Runs the EXIT trap, if any, once as the shell ends with {@code code}; an {@code exit} in it wins. */
  private static int onExit(Interpreter interpreter, ShellState state, Proc proc, int code)
      throws InterruptedException {
    String action = state.trap(0);
    if (action == null || action.isEmpty()) {
      return code;
    }
    state.trap(0, null);
    state.status(code);
    try {
      interpreter.runTrap(action, state, proc.io());
    } catch (ShellExit e) {
      return e.code();
    }
    return code;
  }

  private static int runStdin(Proc proc, ShellState state) throws IOException, InterruptedException {
    return runLines(proc.io().in(), proc, state);
  }

  /**
   * Reads {@code source} a line at a time and runs each complete command as soon as it is read (a compound command
   * or an open quote waits for the lines that finish it); a syntax error ends the shell with 2 there, after what
   * ran before it.
   */
  private static int runLines(InputStream source, Proc proc, ShellState state)
      throws IOException, InterruptedException {
    Interpreter interpreter = new Interpreter(proc.ctx());
    StringBuilder pending = new StringBuilder();
    while (true) {
      String line = readLine(source);
      if (line == null && pending.length() == 0) {
        return onExit(interpreter, state, proc, state.status());
      }
      if (line != null) {
        pending.append(line);
        if (continued(pending)) {
          continue;
        }
      }
      Ast.Script script;
      try {
        script = Parser.parse(pending.toString());
      } catch (SyntaxError e) {
        if (e.incomplete() && line != null) {
          continue;
        }
        proc.err("/bin/sh: " + e.getMessage() + "\n");
        return 2;
      }
      pending.setLength(0);
      try {
        interpreter.run(script, state, proc.io());
      } catch (ShellExit e) {
        return onExit(interpreter, state, proc, e.code());
      }
      if (line == null) {
        return onExit(interpreter, state, proc, state.status());
      }
    }
  }

  /** Whether the text ends with an escaped newline, which joins the next line to it. */
  private static boolean continued(CharSequence text) {
    int n = text.length();
    if (n < 2 || text.charAt(n - 1) != '\n') {
      return false;
    }
    int backslashes = 0;
    for (int k = n - 2; k >= 0 && text.charAt(k) == '\\'; k--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** One line with its newline, or what is left before end of file; null at end of file. Reads no further. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }
}
