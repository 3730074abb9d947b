package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.ProcessSignals;
import io.mockdocker.registry.Config;
import java.time.Duration;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A container's mutable state inside the engine. Fields are guarded by this object's monitor; {@link #ops}
 * serialises start, stop, kill and restart, as the daemon's State lock did.
 */
final class LiveContainer {
  final String id;
  final OffsetDateTime created;
  final String path;
  final List<String> args;
  final String imageId;
  final Path dir;
  final Path rootfs;
  final String resolvConfPath;
  /** Changed only by rename, under the store's lock and this monitor. */
  volatile String name;
  /** Replaced as a whole by update, under this monitor; readers take the current one. */
  volatile HostConfig hostConfig;
  final ContainerLog log;
  /** Run before the process waits on the clock (the builder sends a RUN's held output then); may be null. */
  volatile Runnable beforeSleep;
  final ContainerOutput stdout;
  final ContainerOutput stderr;
  final ReentrantLock ops = new ReentrantLock();

  Config config;
  ContainerState state = ContainerState.CREATED;
  NetworkSettings network = NetworkSettings.NONE;
  Bridge.Lease lease;
  /** The modern view's port model ({@code null} for the era's containers) and the current run's listeners. */
  PortConfig ports;
  PortListeners listeners;
  Map<String, String> volumes;
  /** The modern view's mounts, fixed at create ({@code null} for the era's containers). */
  List<Mounts.Attached> mounts;
  boolean mounted;
  /** The sizes last walked, with the file-change count they were walked at; see {@link ContainerStore#sizes}. */
  Sizes sizes;

  record Sizes(long fsCount, boolean mounted, long rw, long rootfs) {}
  /**
   * Set under the monitor by a forced rm before it kills the run (dockerd's removal mark): no start, restart or
   * restart policy runs it again meanwhile; cleared if the removal fails.
   */
  boolean removing;
  /** Set by rm, under the monitor and {@link #ops}: from then on the container is gone for every operation. */
  boolean removed;
  /** Set once rm finished (files gone, destroy event sent); removed-waits watch it. */
  boolean destroyed;
  BytePipe stdin;
  Run run;
  CountDownLatch exited = new CountDownLatch(0);
  /** How many runs have ended; next-exit waits watch it. */
  long exits;
  /** A stdin pipe made by an attach before the first start; the start takes it over. */
  BytePipe pendingStdin;
  /** The exec instances created on this container, oldest first. */
  final List<String> execIds = new java.util.ArrayList<>();
  /** The health check's state ({@code null} until a run with a check started) and the current run's monitor. */
  ContainerHealth health;
  HealthChecks.Monitor healthMonitor;

  /** The restart policy's state since the user last started the container; guarded by the container's monitor. */
  Restarts restarts = new Restarts();

  /**
   * What the daemon's restart manager kept: the restarts so far, the back-off, whether the user stopped the
   * container by hand or ended the policy, and the pending restart.
   */
  static final class Restarts {
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofMinutes(1);

    int count;
    Duration delay = Duration.ZERO;
    boolean manuallyStopped;
    boolean canceled;
    java.util.concurrent.Future<?> pending;

    /**
     * After a run ended with {@code exitCode} having run {@code ran}: the back-off before the restart the policy in
     * {@code host} asks for (counted), or {@code null} for none. The policy is read each time, so an update counts.
     */
    Duration next(HostConfig host, int exitCode, Duration ran) {
      String policy = host.restartPolicy();
      if (policy.isEmpty() || policy.equals("no") || canceled) {
        return null;
      }
      if (ran.getSeconds() >= 10) {
        delay = Duration.ZERO; // a run of 10 s or more starts the back-off afresh
      }
      delay = delay.isZero() ? FIRST : delay.compareTo(CAP) < 0 ? delay.multipliedBy(2) : delay;
      if (delay.compareTo(CAP) > 0) {
        delay = CAP;
      }
      int max = host.restartMaxRetries();
      boolean restart = switch (policy) {
        case "always" -> true;
        case "unless-stopped" -> !manuallyStopped;
        case "on-failure" -> exitCode != 0 && (max <= 0 || count < max);
        default -> false;
      };
      if (!restart) {
        return null;
      }
      count++;
      return delay;
    }
  }

  /** One run of the container's process. */
  static final class Run {
    final long number;
    volatile Thread thread;
    /** The signals sent to the run's process and what it does with them. */
    final ProcessSignals signals = new ProcessSignals();
    /** The PID of the runtime shim that parents the run's process and its execs. */
    volatile int shimPid;
    /** Freezes the run's process while the container is paused. */
    volatile PauseGate gate;
    boolean finished;

    Run(long number) {
      this.number = number;
    }
  }

  LiveContainer(String id, String name, OffsetDateTime created, Config config, HostConfig hostConfig, String imageId,
      Path dir, String resolvConfPath, Clock clock) {
    this.id = id;
    this.name = name;
    this.hostConfig = hostConfig;
    this.created = created;
    this.config = config;
    List<String> argv = config.argv();
    this.path = argv.get(0);
    this.args = List.copyOf(argv.subList(1, argv.size()));
    this.log = new ContainerLog(clock);
    this.stdout = new ContainerOutput(log, StdStream.STDOUT);
    this.stderr = new ContainerOutput(log, StdStream.STDERR);
    this.imageId = imageId;
    this.dir = dir;
    this.rootfs = dir.resolve("rootfs");
    this.resolvConfPath = resolvConfPath;
  }

  synchronized Container snapshot() {
    return new Container(id, created, path, args, config, state, imageId, network, ContainerRuntime.SYS_INIT_PATH,
        resolvConfPath,
        volumes == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(volumes)), name, hostConfig, List.copyOf(execIds),
        ports == null ? null : new ContainerPorts(ports, listeners == null ? List.of() : listeners.published()),
        health,
        mounts == null ? List.of() : mounts.stream().map(Mounts.Attached::point)
            .sorted(java.util.Comparator.comparing(MountPoint::destination)).toList(),
        restarts.count);
  }

  /** The file system the container's processes see: its root with its mounts over it. */
  synchronized io.mockdocker.internal.shell.FsRoot fs() {
    return Mounts.view(rootfs, dir, mounts);
  }

  /** Fails as a missing container once rm took it; the monitor must be held. */
  void requirePresent() {
    if (removed) {
      throw new DockerException("No such container: " + Ids.shortId(id));
    }
  }

  /** Whether the container was never started; the monitor must be held. */
  boolean neverStarted() {
    return state.startedAt() == null && !state.running();
  }

  /**
   * The stdin an attach with {@code stdin} feeds (the container has {@code OpenStdin}): the running process's, or
   * before the first start the pipe that start takes over; the monitor must be held.
   */
  BytePipe attachStdin() {
    if (state.running()) {
      return stdin;
    }
    if (pendingStdin == null) {
      pendingStdin = new BytePipe();
    }
    return pendingStdin;
  }

  /** The attributes every event of this container carries: its labels, then image and name. */
  synchronized Map<String, String> eventAttributes() {
    Map<String, String> attributes = new java.util.TreeMap<>();
    if (config.labels() != null) {
      attributes.putAll(config.labels());
    }
    attributes.put("image", config.image());
    attributes.put("name", name);
    return attributes;
  }

  synchronized boolean running() {
    return state.running();
  }
}
