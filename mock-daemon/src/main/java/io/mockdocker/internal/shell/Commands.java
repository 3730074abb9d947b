package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Map;
import java.util.TreeMap;

/** The command table and the one place commands are invoked (status for I/O failures, interrupts, flushing). */
final class Commands {
  /** Programs: what a container may run directly, or a script by name. */
  private static final Map<String, Command> PROGRAMS = new TreeMap<>();
  /** Shell builtins that change the shell itself; only scripts can run them. */
  private static final Map<String, Command> SHELL = new TreeMap<>();

  static {
    PROGRAMS.put("sh", ShellProgram::run);
    PROGRAMS.put("bash", ShellProgram::run);
    PROGRAMS.put("dash", ShellProgram::run);
    PROGRAMS.put("true", p -> 0);
    PROGRAMS.put("false", p -> 1);
    PROGRAMS.put("echo", SimpleCommands::echo);
    PROGRAMS.put("env", SimpleCommands::env);
    PROGRAMS.put("hostname", SimpleCommands::hostname);
    PROGRAMS.put("date", SimpleCommands::date);
    PROGRAMS.put("pwd", SimpleCommands::pwd);
    PROGRAMS.put("sleep", SimpleCommands::sleep);
    PROGRAMS.put("cat", FileCommands::cat);
    PROGRAMS.put("touch", FileCommands::touch);
    PROGRAMS.put("mkdir", FileCommands::mkdir);
    PROGRAMS.put("rm", FileCommands::rm);
    PROGRAMS.put("ls", Ls::run);
    PROGRAMS.put("test", TestCommand::run);
    PROGRAMS.put("[", TestCommand::run);
    PROGRAMS.put("id", SystemCommands::id);
    PROGRAMS.put("whoami", SystemCommands::whoami);
    PROGRAMS.put("uname", SystemCommands::uname);
    PROGRAMS.put("ps", SystemCommands::ps);
    PROGRAMS.put("nc", SystemCommands::nc);
    PROGRAMS.put("head", HeadTail::head);
    PROGRAMS.put("tail", HeadTail::tail);
    PROGRAMS.put("wc", TextCommands::wc);
    PROGRAMS.put("grep", TextCommands::grep);
    PROGRAMS.put("printf", Printf::run);
    PROGRAMS.put("find", Find::run);
    PROGRAMS.put("cp", CopyCommands::cp);
    PROGRAMS.put("mv", CopyCommands::mv);
    PROGRAMS.put("sed", Sed::run);
    PROGRAMS.put("awk", Awk::run);
    SHELL.put("cd", ShellBuiltins::cd);
    SHELL.put("exit", ShellBuiltins::exit);
    SHELL.put("export", ShellBuiltins::export);
    SHELL.put("unset", ShellBuiltins::unset);
    SHELL.put("trap", ShellBuiltins::trap);
    SHELL.put(":", p -> 0);
    SHELL.put("break", Compounds::breakLoop);
    SHELL.put("continue", Compounds::continueLoop);
    SHELL.put("return", Compounds::returnFromFunction);
    SHELL.put("read", ShellBuiltins::read);
  }

  private Commands() {}

  static boolean isProgram(String command) {
    return command != null && PROGRAMS.containsKey(Proc.basename(command));
  }

  /** A builtin that runs in the current shell (by exact name, as sh looks them up), or null. */
  static Command shellBuiltin(String name) {
    return SHELL.get(name);
  }

  /** Runs {@code proc.args()} as a program; unknown ones are {@code not found} with status 127. */
  static int exec(Proc proc) throws InterruptedException {
    Command command = PROGRAMS.get(proc.name());
    if (command == null) {
      try {
        proc.err("/bin/sh: " + proc.args().get(0) + ": not found\n");
      } catch (IOException e) {
        rethrowIfInterrupted(e);
      }
      return 127;
    }
    return invoke(command, proc);
  }

  /** Runs one command: an I/O failure is reported as {@code name: reason} with status 1, a broken pipe is 141. */
  static int invoke(Command command, Proc proc) throws InterruptedException {
    Proc.checkInterrupt();
    try {
      return command.run(proc);
    } catch (BrokenPipeException e) {
      proc.state().pipeBroken(true);
      return 141;
    } catch (IOException e) {
      rethrowIfInterrupted(e);
      try {
        proc.err(proc.name() + ": " + ContainerFs.reason(e) + "\n");
      } catch (IOException again) {
        rethrowIfInterrupted(again);
      }
      return 1;
    } finally {
      proc.io().flushQuietly();
    }
  }

  /** An interrupted read or write means the process is being killed: turn it back into an interrupt. */
  static void rethrowIfInterrupted(IOException e) throws InterruptedException {
    if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException || Thread.interrupted()) {
      Thread.interrupted();
      InterruptedException interrupted = new InterruptedException("interrupted during I/O");
      interrupted.initCause(e);
      throw interrupted;
    }
  }
}
