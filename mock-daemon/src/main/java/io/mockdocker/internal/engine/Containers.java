package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The container half of the daemon: create with the era's checks, inspect and list, the lifecycle (start, stop with
 * its timeout, restart, kill, wait), remove, changes, export, commit and attach. Obtained from
 * {@link Engine#containers()}; names are unique ID prefixes, and an unknown one is {@code No such container: <name>}.
 */
public final class Containers {
  private final StateLock lock;
  private final Events events;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final Execs execs;
  private final ExecutorService threads;
  private final Mounts mounts;
  private final ContainerLister lister;
  private final ContainerRemoval removal;

  Containers(StateLock lock, TagStore tags, Clock clock, Events events, ContainerStore store, ContainerRuntime runtime,
      Execs execs, ExecutorService threads, Mounts mounts) {
    this.mounts = mounts;
    this.lock = lock;
    this.events = events;
    this.execs = execs;
    this.store = store;
    this.runtime = runtime;
    this.threads = threads;
    this.lister = new ContainerLister(lock, tags, clock, store);
    this.removal = new ContainerRemoval(store, runtime, mounts);
  }

  /**
   * Creates a container: the memory check, the image lookup ({@code No such image: <Image>}), the merge with the
   * image's config, {@code No command specified}. Returns the short ID and the warnings.
   */
  public ContainerCreated create(Config config) {
    List<String> warnings = new ArrayList<>();
    LiveContainer c = lock.locked(() -> store.create(config, warnings));
    events.emit("container", "create", c.id, c.eventAttributes());
    return new ContainerCreated(Ids.shortId(c.id), List.copyOf(warnings), c.id);
  }

  /**
   * Creates a named container (empty {@code name}: a generated one) with a host configuration. A name in use is
   * {@code Conflict. The container name "/<name>" is already in use by container "<id>". …}.
   */
  public ContainerCreated create(Config config, String name, HostConfig hostConfig) {
    List<String> warnings = new ArrayList<>();
    LiveContainer c = lock.locked(() -> store.create(config, name, hostConfig, warnings));
    events.emit("container", "create", c.id, c.eventAttributes());
    return new ContainerCreated(Ids.shortId(c.id), List.copyOf(warnings), c.id);
  }

  /** The same with the modern view's ports: the image's exposed ports are added to {@code ports}. */
  public ContainerCreated create(Config config, String name, HostConfig hostConfig, PortConfig ports) {
    List<String> warnings = new ArrayList<>();
    List<Mounts.Planned> plan = mounts.plan(hostConfig.mounts(), store::find);
    LiveContainer c = lock.locked(() -> {
      LiveContainer created = store.create(config, name, hostConfig, warnings);
      synchronized (created) {
        created.ports = ports.withImagePorts(created.config.portSpecs());
      }
      return created;
    });
    List<Mounts.Attached> attached;
    try {
      attached = mounts.attach(c.id, Mounts.withConfigVolumes(plan, c.config, store.imageConfig(c.imageId)));
    } catch (RuntimeException e) {
      store.remove(c, c.id, "");
      throw e;
    }
    synchronized (c) {
      c.mounts = attached;
    }
    events.emit("container", "create", c.id, c.eventAttributes());
    return new ContainerCreated(Ids.shortId(c.id), List.copyOf(warnings), c.id);
  }

  /** Inspect: {@code No such container: <name>} when no unique ID prefix matches. */
  public Container inspect(String name) {
    return store.get(name).snapshot();
  }

  /** Every container, newest first. */
  public List<Container> all() {
    List<Container> out = new ArrayList<>();
    for (LiveContainer c : store.all()) {
      out.add(c.snapshot());
    }
    return out;
  }

  /** Every container, running or not, newest first. */
  public List<ContainerListing> listAll() {
    return list(true, -1, "", "");
  }

  /**
   * Every container, newest first, with their sizes only when {@code withSizes} (sizes walk each container's file
   * system; without them both read -1).
   */
  public List<ContainerListing> listAll(boolean withSizes) {
    return lister.list(true, -1, "", "", withSizes);
  }

  /**
   * The container list as {@code GET /containers/json} computed it: newest first; stopped ones
   * skipped only when {@code all} is false, {@code limit} is -1 and {@code since}/{@code before} are empty;
   * {@code before}/{@code since} compared with short IDs.
   */
  public List<ContainerListing> list(boolean all, int limit, String since, String before) {
    return lister.list(all, limit, since, before, true);
  }

  public void start(String name) {
    start(name, false);
  }

  /**
   * A start as the modern runtime made it: a command that cannot be executed refuses the start with
   * {@link CommandRefused} (the container stays created with 127 or 126 and the error; one that asked for auto-removal
   * is removed), where the era started a process that failed.
   */
  public void startCheckingCommand(String name) {
    start(name, true);
  }

  private void start(String name, boolean checkCommand) {
    LiveContainer c = store.get(name);
    try {
      runtime.start(c, checkCommand);
    } catch (CommandRefused e) {
      runtime.removeAfterFailedStart(c);
      throw e;
    } catch (PortRefused e) {
      throw e;
    } catch (DockerException | UncheckedIOException e) {
      if (checkCommand && e instanceof AlreadyRunning) {
        throw e; // the modern view answers it 304 itself
      }
      if (String.valueOf(e.getMessage()).startsWith("No such container")) {
        // removed between the lookup and the start: the answer it would have had a moment later
        throw new DockerException("No such container: " + name, e);
      }
      throw new DockerException("Error starting container " + name + ": " + e.getMessage(), e);
    }
  }

  public void stop(String name, int seconds) {
    stop(name, (Integer) seconds, 0);
  }

  /**
   * Stops with {@code signal} (0: the container's stop signal) and {@code seconds} ({@code null}: the container's
   * stop timeout; negative: no kill). A restarting container's restart is called off.
   */
  public void stop(String name, Integer seconds, int signal) {
    LiveContainer c = store.get(name);
    try {
      runtime.stop(c, seconds, signal);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("Error stopping container " + name + ": interrupted", e);
    }
  }

  /** Restarts: a stop as {@link #stop(String, Integer, int)}, then a start. */
  public void restart(String name, Integer seconds, int signal) {
    restart(name, seconds, signal, false);
  }

  /** A restart whose start is {@link #startCheckingCommand}'s: {@link CommandRefused} comes out unwrapped. */
  public void restartCheckingCommand(String name, Integer seconds, int signal) {
    restart(name, seconds, signal, true);
  }

  private void restart(String name, Integer seconds, int signal, boolean checkCommand) {
    LiveContainer c = store.get(name);
    try {
      runtime.restart(c, seconds, signal, checkCommand);
    } catch (CommandRefused e) {
      runtime.removeAfterFailedStart(c);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("Error restarting container " + name + ": interrupted", e);
    } catch (DockerException | UncheckedIOException e) {
      if (String.valueOf(e.getMessage()).startsWith("No such container")
          || ContainerRuntime.MARKED_FOR_REMOVAL.equals(e.getMessage())) {
        throw new RemovedMeanwhile(name, e); // an rm -f took it, or marked it, between the stop and the start
      }
      throw new DockerException("Error restarting container " + name + ": " + e.getMessage(), e);
    }
  }

  public void restart(String name, int seconds) {
    restart(name, (Integer) seconds, 0);
  }


  public void kill(String name) {
    runtime.kill(store.get(name));
  }

  /**
   * Sends {@code signal} (a Linux signal number) to a running container's process: KILL ends it at once, another
   * signal does what the process does with it (see {@link io.mockdocker.script.SignalAction}). A restarting
   * container's restart is called off.
   */
  public void kill(String name, int signal) {
    runtime.kill(store.get(name), signal);
  }

  /**
   * Registers a wait now (so that a start right after it counts) for the caller to block on; {@code No such
   * container: <name>} when unknown.
   */
  public ContainerWaiter waiter(String name, WaitCondition condition) {
    return new ContainerWaiter(store.get(name), condition);
  }

  /**
   * Removes a container; with {@code force} a running one is killed first, else it is
   * {@code cannot remove container "/<name>": container is running: stop the container before removing or force
   * remove} ({@code container is paused and must be unpaused first} for a paused one).
   */
  public void remove(String name, boolean force) {
    remove(name, force, false);
  }

  /** The same; with {@code volumes} ({@code rm -v}) the container's anonymous volumes go too, unless still in use. */
  public void remove(String name, boolean force, boolean volumes) {
    removal.remove(name, force, volumes);
  }

  /** The combined log: the selected entries in order, then with {@code follow} live ones until the process exits. */
  public void logs(String name, LogOptions options, LogSink sink) throws java.io.IOException, InterruptedException {
    store.get(name).log.read(options, sink);
  }

  /**
   * Attaches a modern client (see {@link StreamAttach}): waits for the first start, keeps the output's stream
   * identity, and lasts until the process exits even after the client's input ended.
   */
  public void attach(String name, AttachOptions options, java.io.InputStream in, StreamSink sink)
      throws java.io.IOException, InterruptedException {
    prepareAttach(name, options).run(in, sink);
  }

  /**
   * Subscribes a modern attach now (output from here on is kept) for the caller to run once the client's streams
   * are ready.
   */
  public AttachHandle prepareAttach(String name, AttachOptions options) {
    return prepareAttach(name, options, new byte[0]);
  }

  /**
   * As {@link #prepareAttach(String, AttachOptions)}, with the client's detach keys (see {@link DetachKeys#parse};
   * empty: {@code ctrl-p,ctrl-q}): with a TTY they end the attach (a {@code detach} event), the process running on.
   */
  public AttachHandle prepareAttach(String name, AttachOptions options, byte[] detachKeys) {
    LiveContainer c = store.get(name);
    events.emit("container", "attach", c.id, c.eventAttributes());
    StreamAttach attach = new StreamAttach(c, options, threads, StreamAttach.Dialect.MODERN);
    attach.detachable(detachKeys, () -> events.emit("container", "detach", c.id, c.eventAttributes()));
    return attach;
  }

  /**
   * Subscribes an era attach now for the caller to run once the client's streams are ready: one
   * made before the container's first start follows that run. Output is raw, both streams on the same connection;
   * errors after the log replay (a ghost container) are thrown for the caller to write into the stream.
   */
  public AttachHandle prepareEraAttach(String name, AttachOptions options) {
    LiveContainer c = store.get(name);
    events.emit("container", "attach", c.id, c.eventAttributes());
    return new StreamAttach(c, options, threads, StreamAttach.Dialect.ERA);
  }

  /** Creates an exec instance in a running container; returns its ID. */
  public String execCreate(String name, ExecConfig config) {
    return execs.create(store.get(name), name, config);
  }

  /** Checks that an exec instance exists and may start now. */
  public void execCheck(String id) {
    execs.requireStartable(id);
  }

  /**
   * Runs an exec instance until its command exits ({@code detach}: in the background), output to {@code sink};
   * {@code in} (may be {@code null}) feeds its stdin when it attached stdin.
   */
  public void execStart(String id, java.io.InputStream in, StreamSink sink, boolean detach)
      throws InterruptedException {
    execs.start(id, in, sink, detach);
  }

  /** An exec instance's state; {@code No such exec instance: <id>} when unknown. */
  public ExecInstance execInspect(String id) {
    return execs.inspect(id);
  }

  /** Records a resize of a modern container's TTY (an event; nothing else changes). */
  public void resizeTty(String name, int height, int width) {
    LiveContainer c = store.get(name);
    java.util.Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
    attributes.put("height", Integer.toString(height));
    attributes.put("width", Integer.toString(width));
    events.emit("container", "resize", c.id, attributes);
  }

  /** Blocks until the container is not running; its exit code. */
  public int await(String name) {
    LiveContainer c = store.get(name);
    try {
      return runtime.await(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("interrupted", e);
    }
  }

  /** Removes a stopped container ({@code Impossible to remove a running container…} otherwise). */
  public void remove(String name) {
    store.remove(name);
  }

  /** The resize the daemon could never finish: its error for this container's state. */
  public void resize(String name) {
    store.resize(store.get(name));
  }

  /** The container's file-system diff, in walk order; empty when nothing changed. */
  public List<Change> changes(String name) {
    return store.changes(store.get(name));
  }

  /** Streams the container's root file system as an uncompressed tar. */
  public void export(String name, java.io.OutputStream out) throws java.io.IOException {
    LiveContainer c = store.get(name);
    store.export(c, out);
    events.emit("container", "export", c.id, c.eventAttributes());
  }

  /** Commits the container's changes as a new image; returns it. Tags it {@code repo:tag} when repo is set. */
  public Image commit(String name, String repo, String tag, String comment, String author, Config runConfig) {
    LiveContainer c = store.get(name);
    Image image = store.commit(c, repo, tag, comment, author, runConfig);
    java.util.Map<String, String> attributes = new java.util.TreeMap<>(c.eventAttributes());
    attributes.put("comment", comment == null ? "" : comment);
    attributes.put("imageID", image.id());
    attributes.put("imageRef", repo == null || repo.isEmpty() ? "" : repo + ":" + (tag == null || tag.isEmpty()
        ? "latest" : tag));
    events.emit("container", "commit", c.id, attributes);
    return image;
  }

  /**
   * Attaches to a container over the given streams until the attach ends. Errors after the
   * start (a ghost container) are thrown for the caller to write into the raw stream.
   */
  public void attach(String name, AttachOptions options, java.io.InputStream in, java.io.OutputStream out)
      throws java.io.IOException, InterruptedException {
    try (AttachHandle attach = prepareEraAttach(name, options)) {
      attach.run(in, (stream, bytes) -> {
        out.write(bytes);
        out.flush();
      });
    }
  }

  /** Checks that a container exists ({@code No such container: <name>}). */
  public void require(String name) {
    store.get(name);
  }
}
