package io.mockdocker.engine;

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
  final ContainerOutput stdout = new ContainerOutput();
  final ContainerOutput stderr = new ContainerOutput();
  final ReentrantLock ops = new ReentrantLock();

  Config config;
  ContainerState state = ContainerState.CREATED;
  NetworkSettings network = NetworkSettings.NONE;
  Bridge.Lease lease;
  Map<String, String> volumes;
  boolean mounted;
  /** Set by rm, under the monitor and {@link #ops}: from then on the container is gone for every operation. */
  boolean removed;
  BytePipe stdin;
  Run run;
  CountDownLatch exited = new CountDownLatch(0);

  /** One run of the container's process. */
  static final class Run {
    final long number;
    volatile Thread thread;
    volatile int signal;
    volatile boolean ignoresTerm;
    boolean finished;

    Run(long number) {
      this.number = number;
    }
  }

  LiveContainer(String id, OffsetDateTime created, Config config, String imageId, Path dir, String resolvConfPath) {
    this.id = id;
    this.created = created;
    this.config = config;
    this.path = config.cmd().get(0);
    this.args = List.copyOf(config.cmd().subList(1, config.cmd().size()));
    this.imageId = imageId;
    this.dir = dir;
    this.rootfs = dir.resolve("rootfs");
    this.resolvConfPath = resolvConfPath;
  }

  synchronized Container snapshot() {
    return new Container(id, created, path, args, config, state, imageId, network, ContainerRuntime.SYS_INIT_PATH,
        resolvConfPath, volumes == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(volumes)));
  }

  /** Fails as a missing container once rm took it; the monitor must be held. */
  void requirePresent() {
    if (removed) {
      throw new DockerException("No such container: " + Ids.shortId(id));
    }
  }

  synchronized boolean running() {
    return state.running();
  }
}
