package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.ContainerView;
import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.internal.shell.ShellClock;
import io.mockdocker.internal.shell.ShellContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a simulated process gets: its argv, environment, root file system, hostname, streams, the clock and its
 * working directory, and what it sees of its container ({@code null}: nothing, as outside one).
 */
record ProcessIo(List<String> argv, Map<String, String> env, FsRoot root, String hostname, InputStream stdin,
    OutputStream stdout, OutputStream stderr, Clock clock, String cwd, ContainerView view) {

  ProcessIo(List<String> argv, Map<String, String> env, FsRoot root, String hostname, InputStream stdin,
      OutputStream stdout, OutputStream stderr, Clock clock, String cwd) {
    this(argv, env, root, hostname, stdin, stdout, stderr, clock, cwd, null);
  }

  ProcessIo(List<String> argv, Map<String, String> env, FsRoot root, String hostname, InputStream stdin,
      OutputStream stdout, OutputStream stderr, Clock clock) {
    this(argv, env, root, hostname, stdin, stdout, stderr, clock, "/");
  }

  /** What the built-in shell sees: these streams and this root, and the engine's clock as the shell's. */
  ShellContext shellContext() {
    return shellContext(null);
  }

  /** The same, with the signals sent to the process ({@code null}: none). */
  ShellContext shellContext(io.mockdocker.internal.shell.ProcessSignals signals) {
    ShellClock shellClock = new ShellClock() {
      @Override
      public Instant now() {
        return clock.now();
      }

      @Override
      public ZoneId zone() {
        return clock.zone();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        clock.sleep(duration);
      }
    };
    return new ShellContext(root.root(), env, hostname, cwd, stdin, stdout, stderr, shellClock, root, signals,
        view);
  }
}
