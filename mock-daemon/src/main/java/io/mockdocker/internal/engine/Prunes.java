package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Prunes of stopped containers, unused images and the build cache, and what disk usage reports about images, as
 * today's daemon computes them. Each prune ends with the daemon's {@code prune} event carrying {@code reclaimed}.
 * Thread-safe. Obtained from {@link Engine#prunes()}.
 */
public final class Prunes {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final ContainerStore store;
  private final Containers containers;
  private final Images images;
  private final Events events;
  private final Map<Gate, AtomicBoolean> running = new EnumMap<>(Gate.class);
  private volatile Runnable onEnter = () -> {};

  /**
   * Which prunes exclude each other: today's daemon lets one prune of a gate run at a time and refuses another of the
   * same gate meanwhile. Containers and networks share the daemon's gate; images and volumes have one each; the
   * build cache prune has none.
   */
  public enum Gate { CONTAINERS_AND_NETWORKS, IMAGES, VOLUMES }

  Prunes(StateLock lock, ImageGraph graph, TagStore tags, ContainerStore store, Containers containers, Images images,
      Events events) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.store = store;
    this.containers = containers;
    this.images = images;
    this.events = events;
    for (Gate gate : Gate.values()) {
      running.put(gate, new AtomicBoolean());
    }
  }

  /**
   * Takes {@code gate} for a prune, or answers false when a prune of that gate already runs. The caller
   * {@linkplain #leave leaves} it when done.
   */
  public boolean enter(Gate gate) {
    if (!running.get(gate).compareAndSet(false, true)) {
      return false;
    }
    try {
      onEnter.run();
    } catch (RuntimeException | Error e) {
      running.get(gate).set(false);
      throw e;
    }
    return true;
  }

  /** Ends the prune that {@link #enter} let in. */
  public void leave(Gate gate) {
    running.get(gate).set(false);
  }

  /** Test seam (not public API): runs inside each prune that has just taken its gate, e.g. to hold it on a latch. */
  public void onEnter(Runnable hook) {
    this.onEnter = hook == null ? () -> {} : hook;
  }

  /** What a container prune removed: the IDs and the bytes of their writable layers. */
  public record ContainersPruned(List<String> ids, long reclaimed) {
    public ContainersPruned {
      ids = List.copyOf(ids);
    }
  }

  /** What an image prune did: the untags and deletes, in order, and the bytes of the deleted layers. */
  public record ImagesPruned(List<Removal> removals, long reclaimed) {
    public ImagesPruned {
      removals = List.copyOf(removals);
    }
  }

  /** One image as disk usage lists it: its full size, the part shared with other listed images, its containers. */
  public record ImageUsage(Image image, long size, long sharedSize, int containers) {}

  /**
   * Removes every container that is not running (a paused one runs) and that {@code select} accepts; a container a
   * removal refuses is left. The reclaimed space is the sum of the removed containers' {@code SizeRw}.
   */
  public ContainersPruned containers(Predicate<Container> select) {
    List<String> gone = new ArrayList<>();
    long reclaimed = 0;
    for (LiveContainer c : store.all()) {
      Container snapshot = c.snapshot();
      if (snapshot.state().running() || !select.test(snapshot)) {
        continue;
      }
      long size = store.sizes(c)[0];
      try {
        containers.remove(c.id, false);
      } catch (DockerException e) {
        continue; // started meanwhile, or removed by someone else
      }
      reclaimed += Math.max(0, size);
      gone.add(c.id);
    }
    events.emit("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new ContainersPruned(gone, reclaimed);
  }

  /**
   * Removes unused images: with {@code danglingOnly} the heads without a name, else every image that has a name or no
   * child, each through its names (or its ID) with its unused parents; images {@code select} refuses, and those a
   * container uses, stay. Newest first, so that children go before their parents.
   */
  public ImagesPruned images(boolean danglingOnly, Predicate<Image> select) {
    List<Image> candidates = lock.locked(() -> {
      List<Image> out = new ArrayList<>();
      Map<String, List<String>> names = tags.byId();
      for (Image image : danglingOnly ? graph.heads() : new ArrayList<>(graph.all())) {
        boolean named = names.containsKey(image.id());
        if (!named && graph.hasChildren(image.id()) || danglingOnly && named) {
          continue;
        }
        out.add(image);
      }
      out.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
      return out;
    });
    Map<String, Long> sizes = new HashMap<>();
    lock.locked(() -> {
      graph.all().forEach(i -> sizes.put(i.id(), i.size()));
      return null;
    });
    List<Removal> removals = new ArrayList<>();
    for (Image image : candidates) {
      if (!select.test(image)) {
        continue;
      }
      List<String> names = lock.locked(() -> graph.exists(image.id())
          ? tags.byId().getOrDefault(image.id(), List.of()) : null);
      if (names == null) {
        continue; // deleted as the parent of an image pruned before it
      }
      try {
        if (names.isEmpty()) {
          removals.addAll(images.remove(null, "", image, false, true));
        }
        for (String name : names) {
          int colon = name.lastIndexOf(':');
          removals.addAll(images.remove(name.substring(0, colon), name.substring(colon + 1), image, false, true));
        }
      } catch (DockerException e) {
        // in use, or has children (RefusedByEngine): the daemon skips it
      }
    }
    long reclaimed = 0;
    for (Removal r : removals) {
      if (r.deleted()) {
        reclaimed += sizes.getOrDefault(r.value(), 0L);
      }
    }
    events.emit("image", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new ImagesPruned(removals, reclaimed);
  }

  /** The build cache prune: this engine keeps no build cache, so nothing is removed; the event says 0. */
  public long buildCache() {
    events.emit("builder", "prune", "", Map.of("reclaimed", "0"));
    return 0;
  }

  /**
   * The images disk usage lists (those with a name, and the unnamed heads), newest first, each with its full size
   * (its chain's layers), the size of the layers it shares with another listed image, and how many containers use it.
   */
  public List<ImageUsage> imageUsage() {
    Map<String, Integer> users = new HashMap<>();
    for (LiveContainer c : store.all()) {
      users.merge(c.imageId, 1, Integer::sum);
    }
    return lock.locked(() -> {
      Map<String, List<String>> names = tags.byId();
      List<Image> listed = new ArrayList<>();
      for (Image image : graph.all()) {
        if (names.containsKey(image.id()) || !graph.hasChildren(image.id())) {
          listed.add(image);
        }
      }
      Map<String, Integer> layerUse = new HashMap<>();
      for (Image image : listed) {
        graph.history(image).forEach(layer -> layerUse.merge(layer.id(), 1, Integer::sum));
      }
      listed.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
      List<ImageUsage> out = new ArrayList<>();
      for (Image image : listed) {
        long shared = 0;
        for (Image layer : graph.history(image)) {
          if (layerUse.get(layer.id()) > 1) {
            shared += layer.size();
          }
        }
        out.add(new ImageUsage(image, graph.virtualSize(image), shared, users.getOrDefault(image.id(), 0)));
      }
      return out;
    });
  }

  /** The bytes of every layer in the graph, each counted once. */
  public long layersSize() {
    return lock.locked(() -> graph.all().stream().mapToLong(Image::size).sum());
  }
}
