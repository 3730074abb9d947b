package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.MiniShell;
import io.mockdocker.internal.shell.RootedPaths;
import io.mockdocker.registry.Config;
import io.mockdocker.script.ScriptHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts, signals and waits for containers' simulated processes. A process runs on its own thread; TERM interrupts
 * it unless it ignores TERM; KILL ends the run at once. Exit codes are what v0.4.4 reported from lxc-start: the
 * process's own code, or 128 + the signal for a process ended by a signal (143 for TERM, 137 for KILL).
 */
final class ContainerRuntime {
  static final String SYS_INIT_PATH = "/usr/bin/docker";
  static final int SIGTERM = 15;
  static final int SIGKILL = 9;

  private final StateLock lock;
  private final Bridge bridge;
  private final Ports ports;
  private final Set<Capability> capabilities;
  private final Clock clock;
  private final Ids ids;
  private final Pids pids;
  private final Events events;
  private final ContainerStore store;
  private final Execs execs;
  private final ProcessScripts scripts;
  private volatile LabelReaper reaper;
  private final ExecutorService threads;
  private final AtomicLong runs = new AtomicLong();

  ContainerRuntime(StateLock lock, Bridge bridge, Ports ports, Set<Capability> capabilities, Clock clock, Ids ids, Pids pids,
      Events events, ContainerStore store, Execs execs, ProcessScripts scripts, ExecutorService threads) {
    this.lock = lock;
    this.bridge = bridge;
    this.ports = ports;
    this.capabilities = capabilities;
    this.clock = clock;
    this.ids = ids;
    this.pids = pids;
    this.events = events;
    this.store = store;
    this.execs = execs;
    this.scripts = scripts;
    this.threads = threads;
  }

  /** What the built-in Ryuk process removes with; set once by the engine after its parts exist. */
  void reaper(LabelReaper reaper) {
    this.reaper = reaper;
  }

  void start(LiveContainer c) {
    c.ops.lock();
    try {
      startLocked(c);
    } finally {
      c.ops.unlock();
    }
  }

  private void startLocked(LiveContainer c) {
    synchronized (c) {
      c.requirePresent();
      if (c.state.running()) {
        throw new DockerException("The container " + c.id + " is already running.");
      }
    }
    store.mount(c);
    Bridge.Lease lease = lock.locked(() -> bridge.allocate(c.ports != null ? List.of() : c.config.portSpecs()));
    LiveContainer.Run run = new LiveContainer.Run(runs.incrementAndGet());
    synchronized (c) {
      Config config = c.config;
      if (config.memory() > 0 && !capabilities.contains(Capability.MEMORY_LIMIT)) {
        config = config.toBuilder().memory(0).build();
      }
      if (config.memory() > 0 && !capabilities.contains(Capability.SWAP_LIMIT)) {
        config = config.toBuilder().memorySwap(-1).build();
      }
      c.config = config;
      try {
        c.volumes = volumes(c);
        makeWorkingDir(c.rootfs, config.workingDir());
        c.listeners = c.ports == null ? null
            : ports.open(c.ports, c.name, c.id, lease.settings().ipAddress());
      } catch (DockerException | UncheckedIOException e) {
        lock.locked(() -> {
          bridge.release(lease);
          return null;
        });
        throw e;
      }
      c.lease = lease;
      c.network = lease.settings();
      c.stdin = config.openStdin() ? (c.pendingStdin != null ? c.pendingStdin : new BytePipe()) : null;
      c.pendingStdin = null;
      c.log.runStarted();
      c.state = new ContainerState(true, pids.next(), 0, Times.now(clock), false);
      c.exited = new CountDownLatch(1);
      c.run = run;
    }
    ProcessIo io = io(c);
    ScriptHandle script = scripts.find(c);
    run.ignoresTerm = script != null && script.script().ignoresSigterm();
    events.emit("container", "start", c.id, c.eventAttributes());
    Future<?> unused = threads.submit(() -> execute(c, run, io, script));
  }

  /** As runc, the working directory is made when missing. */
  private static void makeWorkingDir(java.nio.file.Path rootfs, String dir) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(RootedPaths.resolve(rootfs, dir, true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> volumes(LiveContainer c) {
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

  private ProcessIo io(LiveContainer c) {
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
    List<String> argv = new java.util.ArrayList<>();
    argv.add(c.path);
    argv.addAll(c.args);
    LiveContainer.Run run = c.run;
    PauseGate gate = run.gate = new PauseGate(clock, () -> run.signal);
    return new ProcessIo(List.copyOf(argv), env, c.rootfs, config.hostname(), stdin, gate.stream(out),
        gate.stream(err), gate.clock(), config.workingDir().isEmpty() ? "/" : config.workingDir());
  }

  private void execute(LiveContainer c, LiveContainer.Run run, ProcessIo io, ScriptHandle script) {
    run.thread = Thread.currentThread();
    int code;
    try {
      if (run.signal != 0) {
        throw new InterruptedException();
      }
      if (script != null) {
        code = ScriptedProcess.run(script, io);
      } else if (Ryuk.runs(io.argv()) && reaper != null) {
        PortListeners listeners;
        synchronized (c) {
          listeners = c.listeners;
        }
        code = Ryuk.run(io, listeners, reaper, c.id);
      } else {
        code = shell(io);
      }
    } catch (InterruptedException e) {
      code = 128 + Math.max(run.signal, SIGKILL);
    } catch (RuntimeException e) {
      writeQuietly(io.stderr(), e.toString() + "\n");
      code = 1;
    }
    if (run.signal != 0) {
      code = 128 + run.signal;
    }
    Thread.interrupted();
    finish(c, run, code);
  }

  static int shell(ProcessIo io) throws InterruptedException {
    String command = io.argv().get(0);
    if (!MiniShell.knows(command)) {
      writeQuietly(io.stderr(), GoLog.line(io.clock(), "Unable to locate " + command));
      return 127;
    }
    return new MiniShell().run(io.argv(), io.shellContext());
  }

  static void writeQuietly(OutputStream out, String text) {
    try {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // the log never fails
    }
  }

  /** Ends a run once: releases the network, closes stdin and the listeners, unmounts, records the code. */
  private void finish(LiveContainer c, LiveContainer.Run run, int code) {
    Bridge.Lease lease;
    PortListeners listeners;
    synchronized (c) {
      if (run.finished || c.run != run) {
        return;
      }
      run.finished = true;
      listeners = c.listeners;
      c.listeners = null;
      if (listeners != null) {
        // the host ports are free before anyone waiting for the exit (a forced remove, a wait) wakes up
        ports.close(listeners);
      }
      lease = c.lease;
      c.lease = null;
      c.network = NetworkSettings.NONE;
      if (c.stdin != null) {
        c.stdin.close();
      }
      c.log.runEnded();
      c.stdout.closeListeners();
      c.stderr.closeListeners();
      c.mounted = false;
      ContainerState s = c.state;
      c.state = new ContainerState(false, 0, code, s.startedAt(), s.ghost(), Times.now(clock));
      // die goes out before anyone waiting for the exit wakes up: stop's own event comes after it, as in the daemon
      Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
      attributes.put("exitCode", Integer.toString(code));
      events.emit("container", "die", c.id, attributes);
      c.exits++;
      c.exited.countDown();
      c.notifyAll();
    }
    if (lease != null) {
      lock.locked(() -> {
        bridge.release(lease);
        return null;
      });
    }
    execs.containerExited(c);
    if (c.hostConfig.autoRemove()) {
      try {
        Future<?> unused = threads.submit(() -> autoRemove(c));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the engine is closing
      }
    }
  }

  private void autoRemove(LiveContainer c) {
    try {
      store.remove(c, Ids.shortId(c.id), "container is running");
    } catch (DockerException e) {
      // started again or removed meanwhile: as the daemon, leave it
    }
  }

  /** Sends TERM, waits {@code seconds} on the clock, then KILLs; a stopped container is left alone. */
  void stop(LiveContainer c, int seconds) throws InterruptedException {
    c.ops.lock();
    try {
      LiveContainer.Run run;
      CountDownLatch exited;
      synchronized (c) {
        if (!c.state.running()) {
          return;
        }
        run = c.run;
        exited = c.exited;
      }
      killEvent(c, SIGTERM);
      signal(run, SIGTERM);
      Future<?> killer = threads.submit(() -> {
        try {
          clock.sleep(Duration.ofSeconds(seconds));
          kill(c, run);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        exited.await();
      } finally {
        killer.cancel(true);
      }
      events.emit("container", "stop", c.id, c.eventAttributes());
    } finally {
      c.ops.unlock();
    }
  }

  void kill(LiveContainer c) {
    c.ops.lock();
    try {
      LiveContainer.Run run;
      synchronized (c) {
        if (!c.state.running()) {
          return;
        }
        run = c.run;
      }
      kill(c, run);
    } finally {
      c.ops.unlock();
    }
  }

  private void kill(LiveContainer c, LiveContainer.Run run) {
    killEvent(c, SIGKILL);
    run.signal = SIGKILL;
    Thread t = run.thread;
    if (t != null) {
      t.interrupt();
    }
    finish(c, run, 128 + SIGKILL);
  }

  private void killEvent(LiveContainer c, int signal) {
    Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
    attributes.put("signal", Integer.toString(signal));
    events.emit("container", "kill", c.id, attributes);
  }

  private static void signal(LiveContainer.Run run, int signal) {
    if (signal == SIGTERM && run.ignoresTerm) {
      return;
    }
    run.signal = signal;
    Thread t = run.thread;
    if (t != null) {
      t.interrupt();
    }
  }

  void restart(LiveContainer c, int seconds) throws InterruptedException {
    stop(c, seconds);
    start(c);
  }

  /** Blocks until the container is not running, then returns its exit code. */
  int await(LiveContainer c) throws InterruptedException {
    CountDownLatch exited;
    synchronized (c) {
      exited = c.exited;
    }
    exited.await();
    synchronized (c) {
      return c.state.exitCode();
    }
  }
}
