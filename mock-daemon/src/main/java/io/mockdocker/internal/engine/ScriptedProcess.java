package io.mockdocker.internal.engine;

import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a {@link ProcessScript} as a container's process. */
final class ScriptedProcess {
  private ScriptedProcess() {}

  static int run(ScriptHandle handle, ProcessIo io) throws InterruptedException {
    ScriptAccess.started(handle);
    try {
      for (ProcessScript.Step step : handle.script().steps()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        if (step instanceof ProcessScript.Stdout s) {
          write(io.stdout(), s.text());
        } else if (step instanceof ProcessScript.Stderr s) {
          write(io.stderr(), s.text());
        } else if (step instanceof ProcessScript.Sleep s) {
          io.clock().sleep(s.duration());
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
      }
      return 0;
    } catch (InterruptedIOException e) {
      throw new InterruptedException();
    } catch (IOException e) {
      return 1;
    }
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
}
