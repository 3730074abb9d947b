package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.RootedPaths;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container's run starts with, prepared by the runtime while it holds the container's monitor: the working
 * directory, the era's volumes, the modern runtime's refusal of a command it cannot execute, and the process's
 * argument vector, environment, streams and clock.
 */
final class RunSetup {
  private final Clock clock;
  private final Ids ids;
  private final ContainerStore store;
  private final Mounts mounts;
  private final ContainerViews views;

  RunSetup(Clock clock, Ids ids, ContainerStore store, Mounts mounts, ContainerViews views) {
    this.clock = clock;
    this.ids = ids;
    this.store = store;
    this.mounts = mounts;
    this.views = views;
  }

  /**
   * As the modern runtime before it runs anything: a command it cannot execute leaves the container created, with
   * 127 (missing) or 126 (not executable) as its exit code and the runtime's text as its error; the monitor is held.
   */
  void refuseUnrunnable(LiveContainer c, Config config) {
    Executables.Refusal refusal = Executables.refusal(c.fs(), argv(c),
        config.env() == null ? List.<String>of() : config.env());
    if (refusal == null) {
      return;
    }
    String text = refusal.text(CommandRefused.CREATE_FAILED);
    c.state = c.state.refused(refusal.code(), text);
    c.mounted = false;
    if (c.mounts != null) {
      mounts.unmount(c, c.mounts);
    }
    c.notifyAll();
    throw new CommandRefused(refusal.code(), text);
  }

  static List<String> argv(LiveContainer c) {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    return argv;
  }

  /** As runc, the working directory is made when missing. */
  static void makeWorkingDir(java.nio.file.Path rootfs, String dir) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(RootedPaths.resolve(rootfs, dir, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> volumes(LiveContainer c) {
    Map<String, String> volumes = new LinkedHashMap<>();
    try {
      for (String path : c.config.volumes() == null ? List.<String>of() : c.config.volumes()) {
        Files.createDirectories(RootedPaths.resolve(c.rootfs, path, true));
        volumes.put(path, ids.next());
      }
      if (!c.config.volumesFrom().isEmpty()) {
        LiveContainer from = store.find(c.config.volumesFrom());
        if (from == null) {
          throw new DockerException("Container " + c.id + " not found. Impossible to mount its volumes");
        }
        Map<String, String> theirs;
        synchronized (from) {
          theirs = from.volumes == null ? Map.of() : Map.copyOf(from.volumes);
        }
        for (Map.Entry<String, String> v : theirs.entrySet()) {
          if (volumes.containsKey(v.getKey())) {
            throw new DockerException("The requested volume " + v.getKey()
                + " overlap one of the volume of the container " + from.id);
          }
          Files.createDirectories(RootedPaths.resolve(c.rootfs, v.getKey(), true));
          volumes.put(v.getKey(), v.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return volumes;
  }

  ProcessIo io(LiveContainer c) {
    Config config = c.config;
    Map<String, String> env = new LinkedHashMap<>();
    if (config.tty()) {
      env.put("TERM", "xterm");
    }
    env.put("HOME", "/");
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    for (String kv : config.env() == null ? List.<String>of() : config.env()) {
      int eq = kv.indexOf('=');
      String key = eq < 0 ? kv : kv.substring(0, eq);
      if (!key.equals("container")) {
        env.put(key, eq < 0 ? "" : kv.substring(eq + 1));
      }
    }
    InputStream stdin = c.stdin == null ? InputStream.nullInputStream() : c.stdin.input();
    OutputStream out = c.stdout.stream(config.tty());
    OutputStream err = config.tty() ? c.stdout.stream(true) : c.stderr.stream(false);
    List<String> argv = argv(c);
    LiveContainer.Run run = c.run;
    PauseGate gate = run.gate = new PauseGate(clock, () -> run.signals.killed() ? ContainerRuntime.SIGKILL : 0);
    return new ProcessIo(List.copyOf(argv), env, Mounts.view(c.rootfs, c.dir, c.mounts), config.hostname(), stdin, gate.stream(out),
        gate.stream(err), announcingSleep(gate.clock(), c.beforeSleep),
        config.workingDir().isEmpty() ? "/" : config.workingDir(), views.of(c, ""));
  }

  /** {@code clock} with {@code beforeSleep} (null: none) run each time the process is about to wait on it. */
  private static Clock announcingSleep(Clock clock, Runnable beforeSleep) {
    if (beforeSleep == null) {
      return clock;
    }
    return new Clock() {
      @Override
      public java.time.Instant now() {
        return clock.now();
      }

      @Override
      public java.time.ZoneId zone() {
        return clock.zone();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        beforeSleep.run();
        clock.sleep(duration);
      }
    };
  }
}
