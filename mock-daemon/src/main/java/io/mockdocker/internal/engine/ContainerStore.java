package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.shell.FsWrites;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The containers: creation with the daemon's checks and config merge, lookup by unique ID prefix, listing, removal,
 * and the file-system views (changes, export, commit, sizes). Guarded by the engine's lock, except for long
 * streams.
 */
final class ContainerStore {
  static final long MIN_MEMORY = 524288;

  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging layers;
  private final Ids ids;
  private final Clock clock;
  private final Set<Capability> capabilities;
  private final Events events;
  private final LinkedHashMap<String, LiveContainer> containers = new LinkedHashMap<>();
  private final TruncIndex index = new TruncIndex();
  private final Map<String, String> names = new java.util.HashMap<>();
  private final String version;
  private final Path root;

  ContainerStore(Path root, StateLock lock, ImageGraph graph, TagStore tags, LayerStaging layers, Ids ids, Clock clock,
      Set<Capability> capabilities, Events events, String version) {
    this.root = root;
    this.version = version;
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.layers = layers;
    this.ids = ids;
    this.clock = clock;
    this.capabilities = capabilities;
    this.events = events;
  }

  /** The daemon version recorded as {@code docker_version} in the images this daemon makes. */
  String version() {
    return version;
  }

  /** Creates a container (lock held): the checks of ContainerCreate in their order. */
  LiveContainer create(Config requested, List<String> warnings) {
    return create(requested, "", HostConfig.DEFAULT, warnings);
  }

  /**
   * Creates a container (lock held) named {@code name} (without {@code /}; empty = a generated name), with the
   * name conflict checked before anything else.
   */
  LiveContainer create(Config requested, String name, HostConfig hostConfig, List<String> warnings) {
    return create(requested, name, hostConfig, warnings, false);
  }

  /** A build step's container (lock held); {@code scratch}: on no image at all, an empty root (FROM scratch). */
  LiveContainer createForBuild(Config requested, boolean scratch) {
    return create(requested, "", HostConfig.DEFAULT, new ArrayList<>(), scratch);
  }

  private LiveContainer create(Config requested, String name, HostConfig hostConfig, List<String> warnings,
      boolean scratch) {
    if (!name.isEmpty() && names.containsKey(name)) {
      throw new DockerException("Conflict. The container name \"/" + name + "\" is already in use by container \""
          + names.get(name) + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }
    Config config = requested;
    if (config.memory() != 0 && config.memory() < MIN_MEMORY) {
      throw new DockerException("Memory limit must be given in bytes (minimum 524288 bytes)");
    }
    if (config.memory() > 0 && !capabilities.contains(Capability.MEMORY_LIMIT)) {
      config = config.toBuilder().memory(0).build();
    }
    if (config.memory() > 0 && !capabilities.contains(Capability.SWAP_LIMIT)) {
      config = config.toBuilder().memorySwap(-1).build();
    }
    Image image = scratch ? null : tags.lookupOrNull(config.image());
    if (image == null && !scratch) {
      throw new DockerException("No such image: " + config.image());
    }
    if (image != null) {
      config = Configs.merge(config, image.config());
    }
    if (config.argv().isEmpty()) {
      throw new DockerException("No command specified");
    }
    String id = ids.next();
    if (config.hostname().isEmpty()) {
      config = config.toBuilder().hostname(Ids.shortId(id)).build();
    }
    Path dir = root.resolve(id);
    String resolvConf = config.dns() != null && !config.dns().isEmpty()
        ? "/var/lib/docker/containers/" + id + "/resolv.conf" : "/etc/resolv.conf";
    String assigned = name.isEmpty() ? ContainerNames.generate(id, names::containsKey) : name;
    LiveContainer c = new LiveContainer(id, assigned, Times.now(clock), config, hostConfig,
        image == null ? "" : image.id(), dir, resolvConf, clock);
    containers.put(id, c);
    index.add(id);
    names.put(assigned, id);
    if (config.memory() > 0 && !capabilities.contains(Capability.SWAP_LIMIT)) {
      warnings.add("Your kernel does not support memory swap capabilities. Limitation discarded.");
    }
    return c;
  }

  /** Gives {@code c} the name {@code newName} (without {@code /}) with the daemon's conflict text; returns the old one. */
  String rename(LiveContainer c, String newName) {
    return lock.locked(() -> {
      String owner = names.get(newName);
      if (owner != null) {
        throw new DockerException("Error when allocating new name: Conflict. The container name \"/" + newName
            + "\" is already in use by container \"" + owner
            + "\". You have to remove (or rename) that container to be able to reuse that name.");
      }
      synchronized (c) {
        c.requirePresent();
        String old = c.name;
        names.remove(old, c.id);
        names.put(newName, c.id);
        c.name = newName;
        return old;
      }
    });
  }

  /**
   * By full ID, then by name (with or without its leading {@code /}), then by unique ID prefix (lock held or not:
   * the maps are only changed under the lock).
   */
  LiveContainer find(String name) {
    return lock.locked(() -> {
      LiveContainer exact = containers.get(name);
      if (exact != null) {
        return exact;
      }
      String byName = names.get(name.startsWith("/") ? name.substring(1) : name);
      if (byName != null) {
        return containers.get(byName);
      }
      String id = index.get(name);
      return id == null ? null : containers.get(id);
    });
  }

  LiveContainer get(String name) {
    LiveContainer c = find(name);
    if (c == null) {
      throw new DockerException("No such container: " + name);
    }
    return c;
  }

  /** Newest first. */
  List<LiveContainer> all() {
    return lock.locked(() -> {
      List<LiveContainer> list = new ArrayList<>(containers.values());
      Collections.reverse(list);
      return list;
    });
  }

  int count() {
    return lock.locked(containers::size);
  }

  void remove(String name) {
    remove(get(name), name, "Impossible to remove a running container, please stop it first");
  }

  /** Removes a stopped container; {@code runningError} is the text for a running one. */
  void remove(LiveContainer c, String name, String runningError) {
    c.ops.lock(); // not between a start's check and its run
    try {
      synchronized (c) {
        c.requirePresent();
        if (c.state.running()) {
          throw new DockerException(runningError);
        }
        c.removed = true;
        c.notifyAll();
      }
      lock.locked(() -> {
        containers.remove(c.id);
        index.remove(c.id);
        names.remove(c.name, c.id);
        return null;
      });
      synchronized (c) { // not under a commit, changes or mount of the same container
        ImageGraph.deleteTree(c.dir);
      }
      events.emit("container", "destroy", c.id, c.eventAttributes());
      synchronized (c) {
        c.destroyed = true;
        c.notifyAll();
      }
      // an attach waiting for a start that will never come ends now
      c.stdout.closeListeners();
      c.stderr.closeListeners();
    } catch (IOException e) {
      throw new DockerException("Error destroying container " + name + ": " + e.getMessage(), e);
    } finally {
      c.ops.unlock();
    }
  }

  /** The config of the image {@code imageId} ({@code null} when it is gone or has none). */
  Config imageConfig(String imageId) {
    return lock.locked(() -> {
      Image image = graph.byId(imageId);
      return image == null ? null : image.config();
    });
  }

  /** The image chain's layer directories, base first. */
  List<Path> layersBaseFirst(String imageId) {
    return lock.locked(() -> {
      Image image = graph.byId(imageId);
      List<Path> layers = new ArrayList<>();
      if (image != null) {
        for (Image layer : graph.history(image)) {
          layers.add(0, graph.layerDir(layer.id()));
        }
      }
      return layers;
    });
  }

  /**
   * The merged view of an image's layers, read under the engine's lock so that a delete of the image (or of one of
   * its parents) cannot remove layer files halfway through; a missing image has an empty view.
   */
  Map<String, ContainerFs.Meta> imageView(String imageId) {
    return lock.locked(() -> {
      try {
        return graph.mergedView(imageId); // cached per image, dropped on any delete
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Copies an image's merged layers to {@code target}, under the engine's lock for the same reason. */
  void materialize(String imageId, Path target) {
    lock.locked(() -> {
      try {
        ContainerFs.merge(layersBaseFirst(imageId), target);
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The container's root file system, made from its image's layers if the container never had one; not mounted. */
  Path rootfs(LiveContainer c) {
    synchronized (c) {
      c.requirePresent();
      if (!Files.exists(c.rootfs)) {
        materialize(c.imageId, c.rootfs);
      }
      return c.rootfs;
    }
  }

  /** Mounts the container's root file system: its image's layers are copied in on first use. */
  void mount(LiveContainer c) {
    synchronized (c) {
      c.requirePresent();
      if (c.mounted) {
        return;
      }
      if (!Files.exists(c.rootfs)) {
        materialize(c.imageId, c.rootfs);
      }
      c.mounted = true;
    }
  }

  List<Change> changes(LiveContainer c) {
    synchronized (c) {
      c.requirePresent();
      if (!Files.exists(c.rootfs)) {
        throw new DockerException("lstat /var/lib/docker/containers/" + c.id + "/rw: no such file or directory");
      }
      try {
        return ContainerFs.changes(c.rootfs, imageView(c.imageId));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * SizeRw and SizeRootFs as the list reports them: walked again only when a file changed since the last walk
   * ({@link FsWrites}) or the container was mounted since.
   */
  long[] sizes(LiveContainer c) {
    synchronized (c) {
      long count = FsWrites.count(); // before the walk: a change during it moves the count past this
      LiveContainer.Sizes kept = c.sizes;
      if (kept != null && kept.fsCount() == count && kept.mounted() == c.mounted) {
        return new long[] {kept.rw(), kept.rootfs()}; // the rootfs existed then, and its removal would count
      }
      if (!Files.exists(c.rootfs)) {
        return new long[] {0, 0};
      }
      long[] sizes = FsWrites.reading(() -> {
        try {
          long rw = ContainerFs.rwSize(c.rootfs, changes(c));
          long rootfs = c.mounted ? Layers.walkSize(c.rootfs) : 0;
          return new long[] {rw, rootfs};
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      c.sizes = new LiveContainer.Sizes(count, c.mounted, sizes[0], sizes[1]);
      return sizes;
    }
  }

  /** Streams the container's root file system as a tar; it stays mounted afterwards, as in v0.4.4. */
  void export(LiveContainer c, OutputStream out) throws IOException {
    mount(c);
    Layers.writeTar(c.rootfs, out);
  }

  /** A new image from the container's changes; tagged {@code repo:tag} when {@code repo} is set. */
  Image commit(LiveContainer c, String repo, String tag, String comment, String author, Config runConfig) {
    return commit(c, repo, tag, comment, author, runConfig, null);
  }

  /**
   * A new image from the container's changes, recording {@code containerConfig} (the container's own config when
   * {@code null}) as the config that made it: the classic builder records a step's cache key there.
   */
  Image commit(LiveContainer c, String repo, String tag, String comment, String author, Config runConfig,
      Config containerConfig) {
    mount(c);
    Path staged = layers.staging();
    Config recorded;
    try {
      synchronized (c) {
        c.requirePresent();
        ContainerFs.writeLayer(c.rootfs, changes(c), staged);
        recorded = containerConfig == null ? c.config : containerConfig;
      }
    } catch (IOException e) {
      layers.discard(staged);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      layers.discard(staged);
      throw e;
    }
    Image image = lock.locked(() -> layers.register(new Image(ids.next(), c.imageId, comment, Times.now(clock),
        c.id, recorded, version, author, runConfig, "x86_64", 0), staged, 0));
    if (repo != null && !repo.isEmpty()) {
      lock.locked(() -> {
        tags.set(repo, tag, image.id());
        return null;
      });
    }
    return image;
  }

  void resize(LiveContainer c) {
    synchronized (c) {
      if (!c.config.tty() || c.state.startedAt() == null) {
        throw new DockerException("ptyMaster does not have Fd() method");
      }
      throw new DockerException(c.state.running() ? "errno 0" : "bad file descriptor");
    }
  }
}
