package io.mockdocker.internal.shell;

import java.util.List;

/**
 * The built-in mini shell a simulated container process runs: {@code sh}/{@code bash} scripts, a handful of
 * coreutils with output as GNU coreutils and dash print it, and the commands busybox ships ({@code id}, {@code ps},
 * {@code grep}, {@code sed}, {@code awk}, ...) as busybox 1.36 prints them, with real effects on the container's
 * file system.
 *
 * <p>Commands are looked up by basename ({@code /bin/echo} is {@code echo}). An unknown command prints
 * {@code /bin/sh: NAME: not found} and exits 127. {@code cd}, {@code exit}, {@code export}, {@code unset},
 * {@code trap}, {@code read}, {@code break}, {@code continue}, {@code return} and {@code :} are shell builtins:
 * scripts can run them, a container cannot exec them (there is no such file). Scripts have the compound commands,
 * functions, arithmetic and parameter operators of POSIX sh ({@link Parser}); each process's sleeps follow its own
 * time line on the engine clock ({@link Timeline}).
 *
 * <p>Thread-safe: each {@link #run} is independent. A run blocks the calling thread; interrupting that thread (the
 * container being killed) ends it promptly with {@link InterruptedException}, whatever it waits on (the clock,
 * stdin, a pipeline stage).
 */
public final class MiniShell {

  public MiniShell() {}

  /**
   * Runs a container command (Path + Args as one argv) and returns its exit code.
   *
   * @throws InterruptedException if the calling thread is interrupted while the command runs
   * @throws IllegalArgumentException if {@code argv} is empty
   */
  public int run(List<String> argv, ShellContext ctx) throws InterruptedException {
    if (argv == null || argv.isEmpty()) {
      throw new IllegalArgumentException("no command");
    }
    ShellContext own = new ShellContext(ctx.root(), ctx.env(), ctx.hostname(), ctx.workingDir(), ctx.stdin(),
        ctx.stdout(), ctx.stderr(), Timeline.of(ctx.clock()), ctx.fs(), ctx.signals(), ctx.view());
    return runOwn(argv, own);
  }

  private static int runOwn(List<String> argv, ShellContext ctx) throws InterruptedException {
    InterruptibleInput stdin = new InterruptibleInput(ctx.stdin());
    try {
      String cwd = ctx.workingDir() == null || ctx.workingDir().isEmpty()
          ? "/"
          : ContainerFs.normalize("/", ctx.workingDir());
      ShellState state = ShellState.of(ctx.env(), cwd, List.of(argv.get(0)));
      Io io = new Io(stdin, orNull(ctx.stdout()), orNull(ctx.stderr()));
      return Commands.exec(new Proc(List.copyOf(argv), state, io, ctx));
    } finally {
      stdin.close();
    }
  }

  private static java.io.OutputStream orNull(java.io.OutputStream out) {
    return out == null ? java.io.OutputStream.nullOutputStream() : out;
  }

  /** Whether argv[0] (its basename, e.g. {@code "/bin/echo"} is {@code "echo"}) is something this shell can run. */
  public static boolean knows(String command) {
    return Commands.isProgram(command);
  }
}
