package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.internal.shell.ProcessSignals;
import io.mockdocker.internal.shell.Signals;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.SignalAction;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@link ProcessScript} as a container's process. A signal with an action in the script is handled where it
 * arrives (its output written, an exit taken) and the interrupted step goes on: a sleep keeps its deadline.
 */
final class ScriptedProcess {
  private ScriptedProcess() {}

  /** The dispositions {@code script} asks for, set on the run's signal state before it starts. */
  static void dispose(ProcessScript script, ProcessSignals signals) {
    script.signalActions().forEach((name, action) -> signals.disposition(Signals.parse(name),
        action.equals(SignalAction.ignore()) ? ProcessSignals.Disposition.IGNORE
            : ProcessSignals.Disposition.CATCH));
  }

  static int run(ScriptHandle handle, ProcessIo io, ProcessSignals signals) throws InterruptedException {
    ScriptAccess.started(handle);
    Map<Integer, SignalAction> actions = new HashMap<>();
    handle.script().signalActions().forEach((name, action) -> actions.put(Signals.parse(name), action));
    try {
      for (ProcessScript.Step step : handle.script().steps()) {
        Instant deadline = step instanceof ProcessScript.Sleep s ? io.clock().now().plus(s.duration()) : null;
        while (true) {
          try {
            checkInterrupt();
            Integer code = step(handle, step, io, deadline);
            if (code != null) {
              return code;
            }
            break;
          } catch (InterruptedException | InterruptedIOException e) {
            Integer code = handle(actions, signals, io);
            if (code != null) {
              return code;
            }
          }
        }
      }
      return 0;
    } catch (IOException e) {
      return 1;
    }
  }

  /** One step; an exit code when the step ends the process. */
  private static Integer step(ScriptHandle handle, ProcessScript.Step step, ProcessIo io, Instant deadline)
      throws IOException, InterruptedException {
    if (step instanceof ProcessScript.Stdout s) {
      write(io.stdout(), s.text());
    } else if (step instanceof ProcessScript.Stderr s) {
      write(io.stderr(), s.text());
    } else if (step instanceof ProcessScript.Sleep) {
      Duration left = Duration.between(io.clock().now(), deadline);
      if (!left.isNegative() && !left.isZero()) {
        io.clock().sleep(left);
      }
    } else if (step instanceof ProcessScript.EchoStdin) {
      io.stdin().transferTo(io.stdout());
    } else if (step instanceof ProcessScript.WriteFile f) {
      if (!writeFile(io, f.path(), f.content())) {
        return 1;
      }
    } else if (step instanceof ProcessScript.Exit e) {
      return e.code();
    } else if (step instanceof ProcessScript.AwaitExit) {
      return ScriptAccess.awaitRelease(handle);
    }
    return null;
  }

  /**
   * Handles the pending signals after an interrupt: an exit code when one ends the process; {@code null} to go on.
   * A KILL, a signal without an action, or an interrupt that brought no signal ends it as an interrupt.
   */
  private static Integer handle(Map<Integer, SignalAction> actions, ProcessSignals signals, ProcessIo io)
      throws InterruptedException, IOException {
    if (signals.killed()) {
      throw new InterruptedException();
    }
    int signal = signals.take();
    if (signal == 0) {
      throw new InterruptedException(); // not a signal: the engine is closing
    }
    while (signal != 0) {
      SignalAction action = actions.get(signal);
      if (action == null) {
        signals.fatal(signal);
        throw new InterruptedException();
      }
      if (!action.output().isEmpty()) {
        write(io.stdout(), action.output());
      }
      if (action.exits()) {
        return action.exitCode();
      }
      signal = signals.take();
    }
    return null;
  }

  private static void write(java.io.OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Writes the file; in a read-only mount prints {@code <path>: Read-only file system} and answers false. */
  private static boolean writeFile(ProcessIo io, String path, String content) throws IOException {
    Path target = io.root().resolve(path, true);
    if (io.root().readOnly(target)) {
      write(io.stderr(), path + ": " + FsRoot.READ_ONLY + "\n");
      return false;
    }
    Files.createDirectories(target.getParent());
    Files.writeString(target, content);
    return true;
  }

  /** The interrupt check between steps; the flag stays for the signal handling to clear. */
  private static void checkInterrupt() throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
  }
}
