package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.MiniShell;
import io.mockdocker.internal.shell.ProcessSignals;
import io.mockdocker.internal.shell.Signals;
import io.mockdocker.registry.Config;
import io.mockdocker.script.ScriptHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts, signals and waits for containers' simulated processes, and acts on their restart policies. A process runs
 * on its own thread and receives signals through its {@link ProcessSignals}: a signal it handles (a script's action,
 * a shell trap) lets it go on or exit as it says; one it does not handle ends it with 128 + the signal (143 for
 * TERM, 129 for HUP), except the ones Linux ignores by default; KILL ends the run at once (137). What a run starts
 * with is prepared by {@link RunSetup}; a policy's pending restart is {@link RestartScheduler}'s; the user's signals
 * (stop, kill) are {@link ContainerSignals}'.
 */
final class ContainerRuntime {
  static final String SYS_INIT_PATH = "/usr/bin/docker";
  static final int SIGTERM = Signals.TERM;
  static final int SIGKILL = Signals.KILL;
  /** The daemon's stop timeout when the container sets none. */
  static final int DEFAULT_STOP_TIMEOUT = 10;

  private final StateLock lock;
  private final Bridge bridge;
  private final Ports ports;
  private final Set<Capability> capabilities;
  private final Clock clock;
  private final Pids pids;
  private final Events events;
  private final ContainerStore store;
  private final Execs execs;
  private final ProcessScripts scripts;
  private volatile LabelReaper reaper;
  private final ExecutorService threads;
  private final HealthChecks health;
  private final AtomicLong runs = new AtomicLong();
  private final Mounts mounts;
  private final RestartScheduler restarts;
  private final RunSetup setup;
  private final ContainerSignals signals;

  ContainerRuntime(StateLock lock, Bridge bridge, Ports ports, Set<Capability> capabilities, Clock clock, Ids ids, Pids pids,
      Events events, ContainerStore store, Execs execs, ProcessScripts scripts, ExecutorService threads,
      HealthChecks health, Mounts mounts) {
    this.mounts = mounts;
    this.lock = lock;
    this.bridge = bridge;
    this.ports = ports;
    this.capabilities = capabilities;
    this.clock = clock;
    this.pids = pids;
    this.events = events;
    this.store = store;
    this.execs = execs;
    this.scripts = scripts;
    this.threads = threads;
    this.health = health;
    ContainerViews views = new ContainerViews(store, execs);
    this.restarts = new RestartScheduler(threads, clock, this::startLocked);
    this.setup = new RunSetup(clock, ids, store, mounts, views);
    this.signals = new ContainerSignals(threads, clock, events, health, this::finish);
    execs.views(views);
  }

  /** What the built-in Ryuk process removes with; set once by the engine after its parts exist. */
  void reaper(LabelReaper reaper) {
    this.reaper = reaper;
  }

  /** A start by the user: the restart policy starts afresh (count, back-off, a stop's cancellation). */
  void start(LiveContainer c) {
    start(c, false);
  }

  /**
   * A start by the user; with {@code checkCommand}, as the modern runtime, a command that cannot be executed refuses
   * the start ({@link CommandRefused}) instead of starting a process that fails.
   */
  void start(LiveContainer c, boolean checkCommand) {
    c.ops.lock();
    try {
      synchronized (c) {
        if (c.state.restarting()) {
          return; // as the daemon: a restarting container counts as started
        }
        c.restarts = new LiveContainer.Restarts();
      }
      startLocked(c, checkCommand);
    } finally {
      c.ops.unlock();
    }
  }

  /** A start of a container that a forced rm is removing, in dockerd's words. */
  static final String MARKED_FOR_REMOVAL = "container is marked for removal and cannot be started";

  private void startLocked(LiveContainer c) {
    startLocked(c, false);
  }

  private void startLocked(LiveContainer c, boolean checkCommand) {
    // a user's script or a built-in process plays the command whatever the image holds
    boolean played = !checkCommand || scripts.find(c) != null || Ryuk.runs(RunSetup.argv(c));
    synchronized (c) {
      c.requirePresent();
      if (c.removing) {
        throw new DockerException(MARKED_FOR_REMOVAL);
      }
      if (c.state.running()) {
        throw new AlreadyRunning(c.id);
      }
    }
    store.mount(c);
    Bridge.Lease lease = lock.locked(() -> bridge.allocate(c.ports != null ? List.of() : c.config.portSpecs()));
    LiveContainer.Run run = new LiveContainer.Run(runs.incrementAndGet());
    run.shimPid = pids.nextShim();
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
        if (c.mounts == null) {
          c.volumes = setup.volumes(c);
        } else {
          mounts.mount(c, c.mounts);
          Mounts.writeEtc(c.dir, config, c.hostConfig.extras(), lease.settings().ipAddress());
        }
        RunSetup.makeWorkingDir(c.rootfs, config.workingDir());
        if (!played) {
          setup.refuseUnrunnable(c, config);
        }
        c.listeners = c.ports == null ? null : ports.open(c, lease.settings().ipAddress());
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
      health.started(c);
    }
    ProcessIo io = setup.io(c);
    ScriptHandle script = scripts.find(c);
    if (script != null) {
      ScriptedProcess.dispose(script.script(), run.signals);
    }
    events.emit("container", "start", c.id, c.eventAttributes());
    Future<?> unused = threads.submit(() -> execute(c, run, io, script));
  }

  private void execute(LiveContainer c, LiveContainer.Run run, ProcessIo io, ScriptHandle script) {
    run.thread = Thread.currentThread();
    run.signals.bind(run.thread);
    int code;
    try {
      if (run.signals.killed()) {
        throw new InterruptedException();
      }
      if (script != null) {
        code = ScriptedProcess.run(script, io, run.signals);
      } else if (Ryuk.runs(io.argv()) && reaper != null) {
        PortListeners listeners;
        synchronized (c) {
          listeners = c.listeners;
        }
        code = Ryuk.run(io, listeners, reaper, c.id);
      } else {
        code = shell(io, run.signals);
      }
      int ending = run.signals.ending();
      if (ending != 0) {
        code = 128 + ending; // a signal it did not handle came as it ended
      }
    } catch (InterruptedException e) {
      int ending = run.signals.ending();
      code = 128 + (ending != 0 ? ending : SIGKILL);
    } catch (RuntimeException e) {
      writeQuietly(io.stderr(), e.toString() + "\n");
      code = 1;
    }
    Thread.interrupted();
    finish(c, run, code);
  }

  static int shell(ProcessIo io) throws InterruptedException {
    return shell(io, null);
  }

  /** Runs the process in the mini shell; {@code signals} (may be {@code null}) is what traps act on. */
  static int shell(ProcessIo io, ProcessSignals signals) throws InterruptedException {
    String command = io.argv().get(0);
    if (!MiniShell.knows(command)) {
      writeQuietly(io.stderr(), GoLog.line(io.clock(), "Unable to locate " + command));
      return 127;
    }
    return new MiniShell().run(io.argv(), io.shellContext(signals));
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
    Duration restartDelay;
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
      if (c.mounts != null) {
        mounts.unmount(c, c.mounts);
      }
      ContainerState s = c.state;
      Duration ran = Duration.between(s.startedAt().toInstant(), clock.now());
      restartDelay = c.removed || c.removing ? null : c.restarts.next(c.hostConfig, code, ran);
      c.state = new ContainerState(false, 0, code, s.startedAt(), s.ghost(), Times.now(clock))
          .withRestarting(restartDelay != null);
      health.stopped(c);
      // die goes out before anyone waiting for the exit wakes up: stop's own event comes after it, as in the daemon
      Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
      attributes.put("exitCode", Integer.toString(code));
      attributes.put("execDuration", Long.toString(ran.getSeconds()));
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
    if (restartDelay != null) {
      restarts.schedule(c, restartDelay);
      return;
    }
    if (c.hostConfig.autoRemove()) {
      try {
        Future<?> unused = threads.submit(() -> autoRemove(c));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the engine is closing
      }
    }
  }

  /** The daemon's clean-up of a container whose start failed: one that asked for auto-removal is removed. */
  void removeAfterFailedStart(LiveContainer c) {
    if (c.hostConfig.autoRemove()) {
      autoRemove(c);
    }
  }

  private void autoRemove(LiveContainer c) {
    try {
      store.remove(c, Ids.shortId(c.id), "container is running");
      mounts.removed(c.id, c.mounts, true);
    } catch (DockerException e) {
      // started again or removed meanwhile: as the daemon, leave it
    }
  }

  /** A stop by the user: see {@link ContainerSignals#stop(LiveContainer, Integer, int)}. */
  void stop(LiveContainer c, Integer seconds, int signal) throws InterruptedException {
    signals.stop(c, seconds, signal);
  }

  void kill(LiveContainer c) {
    kill(c, SIGKILL);
  }

  /** A signal from the user: see {@link ContainerSignals#kill(LiveContainer, int)}. */
  void kill(LiveContainer c, int signal) {
    signals.kill(c, signal);
  }

  /** Stop (with {@code seconds} and {@code signal} as {@link #stop(LiveContainer, Integer, int)}), then start. */
  void restart(LiveContainer c, Integer seconds, int signal) throws InterruptedException {
    restart(c, seconds, signal, false);
  }

  /** A restart; with {@code checkCommand} its start is the modern one (see {@link #start(LiveContainer, boolean)}). */
  void restart(LiveContainer c, Integer seconds, int signal, boolean checkCommand) throws InterruptedException {
    stop(c, seconds, signal);
    try {
      start(c, checkCommand);
    } catch (AlreadyRunning startedMeanwhile) {
      if (!checkCommand) {
        throw startedMeanwhile;
      }
      // dockerd: a restart whose start finds the container running (another start came between) has nothing to do
    }
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
