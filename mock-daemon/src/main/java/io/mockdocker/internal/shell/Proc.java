package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One running command: its argv, the shell state it sees, its streams and the container around it. */
record Proc(List<String> args, ShellState state, Io io, ShellContext ctx) {

  /** argv[0]'s basename: {@code /bin/echo} is {@code echo}. */
  String name() {
    return basename(args.get(0));
  }

  static String basename(String command) {
    String trimmed = command;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int slash = trimmed.lastIndexOf('/');
    return slash < 0 ? trimmed : trimmed.substring(slash + 1);
  }

  /** argv[1..]. */
  List<String> operands() {
    return args.subList(1, args.size());
  }

  Proc withArgs(List<String> newArgs) {
    return new Proc(newArgs, state, io, ctx);
  }

  ShellClock clock() {
    return ctx.clock();
  }

  ContainerFs fs() {
    return new ContainerFs(ctx.fs(), state.cwd());
  }

  /** Writes to stdout and flushes. */
  void out(String text) throws IOException {
    io.out().write(text.getBytes(StandardCharsets.UTF_8));
    io.out().flush();
  }

  /** Writes to stderr and flushes. */
  void err(String text) throws IOException {
    io.err().write(text.getBytes(StandardCharsets.UTF_8));
    io.err().flush();
  }

  /** A GNU usage error: the message, then the {@code --help} hint; returns the exit status to use. */
  int usage(String message, int status) throws IOException {
    err(name() + ": " + message + "\nTry `" + name() + " --help' for more information.\n");
    return status;
  }

  static void checkInterrupt() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }
}
