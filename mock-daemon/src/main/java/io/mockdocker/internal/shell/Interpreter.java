package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.AndOr;
import io.mockdocker.internal.shell.Ast.Assignment;
import io.mockdocker.internal.shell.Ast.Compound;
import io.mockdocker.internal.shell.Ast.FunctionDef;
import io.mockdocker.internal.shell.Ast.Node;
import io.mockdocker.internal.shell.Ast.Pipeline;
import io.mockdocker.internal.shell.Ast.Redirect;
import io.mockdocker.internal.shell.Ast.Script;
import io.mockdocker.internal.shell.Ast.SimpleCommand;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs parsed scripts: and-or lists, pipelines (each stage a subshell on its own thread, joined by in-memory
 * pipes), redirections, simple commands and (through {@link Compounds}) compound commands and functions.
 * {@code exit} unwinds as {@link ShellExit}; an interrupt unwinds as {@link InterruptedException}, stopping every
 * pipeline stage. A failed arithmetic expansion ends the shell with status 2, as in dash.
 */
final class Interpreter {
  private final ShellContext ctx;
  private final Compounds compounds = new Compounds(this);

  Interpreter(ShellContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Runs {@code script}; returns the status of the last command. A signal this shell traps cuts the current list
   * short (its status 128 + the signal) and runs the trap's action; the script then goes on.
   */
  int run(Script script, ShellState state, Io io) throws InterruptedException {
    for (AndOr item : script.items()) {
      try {
        state.status(andOr(item, state, io));
      } catch (InterruptedException e) {
        handle(e, state, io);
      } catch (Arithmetic.Failure e) {
        message(io, "/bin/sh: " + e.getMessage() + "\n");
        throw new ShellExit(2);
      }
    }
    return state.status();
  }

  /** Between loop iterations: an interrupt ends the shell, or runs the traps of the signals it brought. */
  void poll(ShellState state, Io io) throws InterruptedException {
    if (Thread.interrupted()) {
      handle(new InterruptedException(), state, io);
    }
  }

  /** Runs the traps of the pending signals (the status becomes 128 + each); rethrows {@code e} when none is. */
  private void handle(InterruptedException e, ShellState state, Io io) throws InterruptedException {
    int signal = trapped(state);
    if (signal == 0) {
      throw e;
    }
    while (signal != 0) {
      state.status(128 + signal);
      runTrap(state.trap(signal), state, io);
      signal = trapped(state);
    }
  }

  /** Takes the pending signal when this shell has a trap for it; 0 otherwise (the interrupt then ends the shell). */
  private int trapped(ShellState state) {
    ProcessSignals signals = ctx.signals();
    if (signals == null || signals.killed()) {
      return 0;
    }
    int signal = signals.peek();
    if (signal == 0 || state.trap(signal) == null || state.trap(signal).isEmpty()) {
      return 0;
    }
    return signals.take();
  }

  /** Runs a trap's action in this shell; {@code $?} is what it was before, {@code exit} in it ends the shell. */
  void runTrap(String action, ShellState state, Io io) throws InterruptedException {
    int before = state.status();
    Script script;
    try {
      script = Parser.parse(action);
    } catch (SyntaxError e) {
      message(io, "/bin/sh: " + e.getMessage() + "\n");
      return;
    }
    run(script, state, io);
    state.status(before);
  }

  private int andOr(AndOr list, ShellState state, Io io) throws InterruptedException {
    int status = pipeline(list.pipelines().get(0), state, io);
    for (int k = 0; k < list.ops().size(); k++) {
      state.status(status);
      boolean and = list.ops().get(k).equals("&&");
      if (and == (status == 0)) {
        status = pipeline(list.pipelines().get(k + 1), state, io);
      }
    }
    return status;
  }

  private int pipeline(Pipeline pipeline, ShellState state, Io io) throws InterruptedException {
    List<Node> commands = pipeline.commands();
    int status = commands.size() == 1 ? node(commands.get(0), state, io) : stages(commands, state, io);
    return pipeline.negated() ? (status == 0 ? 1 : 0) : status;
  }

  private int stages(List<Node> commands, ShellState state, Io io) throws InterruptedException {
    int n = commands.size();
    Pipe[] pipes = new Pipe[n - 1];
    for (int k = 0; k < n - 1; k++) {
      pipes[k] = new Pipe();
    }
    Io shared = new Io(io.in(), io.out(), new SharedOutput(io.err()));
    int[] codes = new int[n];
    List<Thread> threads = new ArrayList<>();
    try {
      for (int k = 0; k < n - 1; k++) {
        int index = k;
        Thread thread = new Thread(() -> {
          try {
            codes[index] = stage(commands, index, pipes, state, shared);
          } catch (InterruptedException e) {
            codes[index] = 130;
          } catch (RuntimeException e) {
            codes[index] = 2;
            try {
              message(shared, "/bin/sh: " + e + "\n");
            } catch (InterruptedException ignored) {
              // ending anyway
            }
          }
        }, "mini-shell-pipeline-" + k);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      codes[n - 1] = stage(commands, n - 1, pipes, state, shared);
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException | RuntimeException e) {
      threads.forEach(Thread::interrupt);
      awaitBriefly(threads);
      throw e;
    }
    return codes[n - 1];
  }

  /** Gives interrupted stages a moment to end, so a killed pipeline leaves nothing running behind it. */
  private static void awaitBriefly(List<Thread> threads) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + 500_000_000L;
    try {
      for (Thread thread : threads) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left > 0) {
          thread.join(left);
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int stage(List<Node> commands, int k, Pipe[] pipes, ShellState state, Io io)
      throws InterruptedException {
    int last = commands.size() - 1;
    Io stageIo = new Io(k == 0 ? io.in() : pipes[k - 1].source(), k == last ? io.out() : pipes[k].sink(), io.err());
    ShellState copy = state.copy();
    try {
      return node(commands.get(k), copy, stageIo);
    } catch (ShellExit e) {
      return e.code();
    } catch (Compounds.LoopControl | Compounds.FunctionReturn e) {
      return e instanceof Compounds.FunctionReturn r ? r.code : 0;
    } catch (Arithmetic.Failure e) {
      message(stageIo, "/bin/sh: " + e.getMessage() + "\n");
      return 2;
    } finally {
      if (k < last) {
        closeAll(List.of(pipes[k].sink()));
      }
      if (k > 0) {
        closeAll(List.of(pipes[k - 1].source()));
      }
    }
  }

  /** One command of a pipeline: simple, compound (with its redirections), or a function definition. */
  int node(Node node, ShellState state, Io io) throws InterruptedException {
    if (node instanceof SimpleCommand command) {
      return command(command, state, io);
    }
    if (node instanceof FunctionDef function) {
      state.define(function);
      return 0;
    }
    Compound compound = (Compound) node;
    Proc.checkInterrupt();
    List<Closeable> opened = new ArrayList<>();
    Io redirected;
    try {
      redirected = redirect(compound.redirects(), state, io, opened);
    } catch (RedirectFailure failure) {
      closeAll(opened);
      message(io, "/bin/sh: " + failure.getMessage() + "\n");
      return 2;
    }
    try {
      return compounds.run(compound.body(), state, redirected);
    } finally {
      redirected.flushQuietly();
      closeAll(opened);
    }
  }

  /** One simple command, with its assignments and redirections. */
  int command(SimpleCommand command, ShellState state, Io io) throws InterruptedException {
    Proc.checkInterrupt();
    List<String> argv = Expander.fields(command.words(), state);
    Map<String, String> assignments = new LinkedHashMap<>();
    for (Assignment a : command.assignments()) {
      assignments.put(a.name(), Expander.string(a.value(), state));
    }
    List<Closeable> opened = new ArrayList<>();
    Io redirected;
    try {
      redirected = redirect(command.redirects(), state, io, opened);
    } catch (RedirectFailure failure) {
      closeAll(opened);
      message(io, "/bin/sh: " + failure.getMessage() + "\n");
      return 2;
    }
    try {
      int status = simple(argv, assignments, state, redirected);
      if (state.pipeBroken()) {
        throw new ShellExit(141); // SIGPIPE: the writer's shell (a pipeline stage, a loop feeding it) ends too
      }
      return status;
    } finally {
      redirected.flushQuietly();
      closeAll(opened);
    }
  }

  /** Runs an expanded simple command: assignments alone, a shell builtin, a function, or a program. */
  private int simple(List<String> argv, Map<String, String> assignments, ShellState state, Io redirected)
      throws InterruptedException {
    if (argv.isEmpty()) {
      assignments.forEach((name, value) -> assign(state, name, value));
      return 0;
    }
    Command builtin = Commands.shellBuiltin(argv.get(0));
    if (builtin != null) {
      assignments.forEach((name, value) -> assign(state, name, value));
      return Commands.invoke(builtin, new Proc(argv, state, redirected, ctx));
    }
    FunctionDef function = state.function(argv.get(0));
    if (function != null) {
      return compounds.call(function, argv.subList(1, argv.size()), state, redirected);
    }
    ShellState seen = assignments.isEmpty() ? state : state.withExported(assignments);
    int status = Commands.exec(new Proc(argv, seen, redirected, ctx));
    state.pipeBroken(state.pipeBroken() || seen.pipeBroken());
    return status;
  }

  static void assign(ShellState state, String name, String value) {
    if (state.isExported(name)) {
      state.export(name, value);
    } else {
      state.set(name, value);
    }
  }

  private Io redirect(List<Redirect> redirects, ShellState state, Io io, List<Closeable> opened)
      throws RedirectFailure, InterruptedException {
    InputStream in = io.in();
    OutputStream[] outs = {null, io.out(), io.err()};
    ContainerFs fs = new ContainerFs(ctx.fs(), state.cwd());
    for (Redirect r : redirects) {
      String target = Expander.string(r.target(), state);
      switch (r.op()) {
        case ">", ">>" -> {
          int fd = r.fd() < 0 ? 1 : r.fd();
          OutputStream out;
          try {
            out = fs.openWrite(target, r.op().equals(">>"), ctx.clock().now());
          } catch (IOException e) {
            Commands.rethrowIfInterrupted(e);
            String why = e instanceof NoSuchFileException ? "Directory nonexistent" : ContainerFs.reason(e);
            throw new RedirectFailure("cannot create " + target + ": " + why);
          }
          opened.add(out);
          if (fd == 1 || fd == 2) {
            outs[fd] = out;
          }
        }
        case "<" -> {
          int fd = r.fd() < 0 ? 0 : r.fd();
          InputStream file;
          try {
            file = fs.openRead(target);
          } catch (IOException e) {
            Commands.rethrowIfInterrupted(e);
            String why = e instanceof NoSuchFileException ? "No such file" : ContainerFs.reason(e);
            throw new RedirectFailure("cannot open " + target + ": " + why);
          }
          opened.add(file);
          if (fd == 0) {
            in = file;
          }
        }
        case ">&" -> {
          int fd = r.fd() < 0 ? 1 : r.fd();
          OutputStream out;
          if (target.equals("-")) {
            out = OutputStream.nullOutputStream();
          } else if (target.equals("1") || target.equals("2")) {
            out = outs[Integer.parseInt(target)];
          } else {
            throw new RedirectFailure(target + ": Bad file descriptor");
          }
          if (fd == 1 || fd == 2) {
            outs[fd] = out;
          }
        }
        case "<&" -> {
          if (target.equals("-")) {
            in = InputStream.nullInputStream();
          } else if (!target.equals("0")) {
            throw new RedirectFailure(target + ": Bad file descriptor");
          }
        }
        default -> throw new IllegalStateException(r.op());
      }
    }
    return new Io(in, outs[1], outs[2]);
  }

  private static void closeAll(List<Closeable> opened) {
    for (Closeable c : opened) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing more to do for a file we wrote
      }
    }
  }

  private static void message(Io io, String text) throws InterruptedException {
    try {
      io.err().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      io.err().flush();
    } catch (IOException e) {
      Commands.rethrowIfInterrupted(e);
    }
  }

  /** A redirection that could not be set up: the command does not run, status 2. */
  private static final class RedirectFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RedirectFailure(String message) {
      super(message, null, false, false);
    }
  }
}
