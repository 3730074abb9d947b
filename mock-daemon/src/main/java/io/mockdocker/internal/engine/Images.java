package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image half of the daemon: the graph with its tags and layers, and the transfers that fill and empty it (pull,
 * push, import, insert, load). Reads and changes run under the engine's lock; transfers run outside it.
 */
final class Images {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging staging;
  private final RepoDigests digests;
  private final Ids ids;
  private final Clock clock;
  private final Registry registry;
  private final Events events;
  private final OperationPools pools;
  private final Transfers transfers;
  private final ContainerStore store;

  Images(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, RepoDigests digests, Ids ids,
      Clock clock, Registry registry, Events events, OperationPools pools, Transfers transfers, ContainerStore store) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.staging = staging;
    this.digests = digests;
    this.ids = ids;
    this.clock = clock;
    this.registry = registry;
    this.events = events;
    this.pools = pools;
    this.transfers = transfers;
    this.store = store;
  }

  List<ImageListing> list(boolean all, String repository) {
    return lock.locked(() -> ImageListings.list(graph, tags, all, repository));
  }

  List<Image> all() {
    return lock.locked(() -> new ArrayList<>(graph.all()));
  }

  int count() {
    return lock.locked(graph::count);
  }

  Map<String, List<String>> namesById() {
    return lock.locked(tags::byId);
  }

  Map<String, Map<String, String>> repositories() {
    return lock.locked(tags::snapshot);
  }

  Image inspect(String name) {
    return lock.locked(() -> {
      Image image = tags.lookupOrNull(name);
      if (image == null) {
        throw new DockerException("No such image: " + name);
      }
      return image;
    });
  }

  Optional<Image> find(String name) {
    return Optional.ofNullable(lock.locked(() -> tags.lookupOrNull(name)));
  }

  /** The image {@code repository:tag} names exactly (no ID-prefix tricks), or empty. */
  Optional<Image> tagged(String repository, String tag) {
    return Optional.ofNullable(lock.locked(() -> {
      Map<String, String> repo = tags.repository(repository);
      String id = repo == null ? null : repo.get(tag);
      return id == null ? null : graph.byId(id);
    }));
  }

  /** The image whose ID is {@code idOrPrefix} or starts with it uniquely, or empty. */
  Optional<Image> byId(String idOrPrefix) {
    return Optional.ofNullable(lock.locked(() -> graph.get(idOrPrefix)));
  }

  List<HistoryEntry> history(String name) {
    return lock.locked(() -> {
      Image image = tags.lookup(name);
      Map<String, List<String>> names = tags.byId();
      List<HistoryEntry> out = new ArrayList<>();
      for (Image layer : graph.history(image)) {
        out.add(new HistoryEntry(layer, names.getOrDefault(layer.id(), List.of())));
      }
      return out;
    });
  }

  void tag(String name, String repo, String tag) {
    String id = lock.locked(() -> {
      tags.set(repo, tag, name);
      Image image = tags.lookupOrNull(name);
      return image == null ? name : image.id();
    });
    String ref = repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
    events.emit("image", "tag", id, Map.of("name", ref));
  }

  /** Points {@code repository:tag} at the image {@code imageId}; the caller has checked the names. */
  void setTag(String imageId, String repository, String tag) {
    lock.locked(() -> {
      tags.put(repository, tag, imageId);
      return null;
    });
    events.emit("image", "tag", imageId, Map.of("name", repository + ":" + tag));
  }

  List<String> repoDigests(String imageId) {
    return digests.of(imageId);
  }

  /** Images made local straight from memory, as a pull would have left them. */
  List<Image> load(List<RemoteImage> images) {
    List<Image> loaded = new ArrayList<>(images.size());
    for (RemoteImage remote : images) {
      Path staged = staging.untar(RegistryAccess.layerBytes(remote));
      try {
        loaded.add(lock.locked(() -> {
          String parent = RegistryAccess.metadata(remote).parent();
          if (!parent.isEmpty() && !graph.exists(parent)) {
            throw new DockerException("No such image: " + parent + " (the parent of " + remote.id() + ")");
          }
          return staging.register(RegistryAccess.metadata(remote), staged, Math.max(0, remote.declaredSize()));
        }));
      } catch (RuntimeException e) {
        staging.discard(staged);
        throw e;
      }
    }
    return loaded;
  }

  void deleteLayer(String name) {
    lock.locked(() -> {
      Image image = tags.lookupOrNull(name);
      if (image == null) {
        throw new DockerException("No such image: " + name);
      }
      graph.delete(image.id());
      return null;
    });
    events.emit("image", "delete", name, Map.of("name", name));
  }

  List<Deletion> untagAndPrune(String name) {
    List<Deletion> deletions = lock.locked(() -> new ImagePruner(graph, tags).delete(name));
    for (Deletion d : deletions) {
      events.emit("image", d.kind() == Deletion.Kind.UNTAGGED ? "untag" : "delete", d.shortId(),
          Map.of("name", name));
    }
    return deletions;
  }

  /** Removes a reference or an image as {@link ImageRemoval} says, with an event for each removal. */
  List<Removal> remove(String repository, String tag, Image image, boolean force, boolean prune) {
    return emitted(image, new ImageRemoval(lock, graph, tags, digests, store)
        .remove(repository, tag, image, force, prune));
  }

  /** Removes the digest reference {@code repository@digest} as {@link ImageRemoval#removeDigest} says. */
  List<Removal> removeDigest(String repository, String digest, Image image, boolean force, boolean prune) {
    return emitted(image, new ImageRemoval(lock, graph, tags, digests, store)
        .removeDigest(repository, digest, image, force, prune));
  }

  private List<Removal> emitted(Image image, List<Removal> removals) {
    for (Removal r : removals) { // untag events name the reference, delete events the image
      events.emit("image", r.deleted() ? "delete" : "untag", r.deleted() || image == null ? r.value() : image.id(),
          Map.of("name", r.value()));
    }
    return removals;
  }

  Path layer(String imageId) {
    return graph.layerDir(imageId);
  }

  Optional<String> cachedChild(String parentId, Config config) {
    return Optional.ofNullable(lock.locked(() -> {
      for (Image image : graph.all()) {
        if (image.parent().equals(parentId) && Configs.sameForCache(image.containerConfig(), config)) {
          return image.id();
        }
      }
      return null;
    }));
  }

  /**
   * {@link #cachedChild} with {@code cachefrom}: only a child that is one of the {@code sources} or among their
   * ancestors counts (as the daemon's cache with sources accepted a local hit only in a source's ancestry).
   */
  Optional<String> cachedChildIn(String parentId, Config config, List<String> sources) {
    return Optional.ofNullable(lock.locked(() -> {
      for (String source : sources) {
        Image top = graph.byId(source);
        for (Image image : top == null ? List.<Image>of() : graph.history(top)) {
          if (image.parent().equals(parentId) && Configs.sameForCache(image.containerConfig(), config)) {
            return image.id();
          }
        }
      }
      return null;
    }));
  }

  void pull(String name, String tag, String endpoint, ProgressSink sink) {
    pull(pullOperation(sink, PullOperation.Naming.REPOSITORY), name, tag, endpoint);
  }

  /** A pull without progress whose layers are unpacked on first need ({@link PullOperation#packed}). */
  void pullPacked(String name, String tag) {
    pull(pullOperation(ProgressSink.NONE, PullOperation.Naming.REPOSITORY).packed(), name, tag, "");
  }

  private void pull(PullOperation operation, String name, String tag, String endpoint) {
    operation.run(name, tag == null ? "" : tag, endpoint == null ? "" : endpoint);
    String ref = tag == null || tag.isEmpty() ? name : name + ":" + tag;
    events.emit("image", "pull", ref, Map.of("name", name));
  }

  /** Pulls a reference the caller has checked (a registry host allowed). */
  void pullReference(String repository, String tag, ProgressSink sink) {
    pullOperation(sink, PullOperation.Naming.REFERENCE).run(repository, tag, "");
    events.emit("image", "pull", tag.isEmpty() ? repository : repository + ":" + tag, Map.of("name", repository));
  }

  void pullDigest(String repository, String digest, ProgressSink sink) {
    pullOperation(sink, PullOperation.Naming.REFERENCE).runDigest(repository, digest);
    events.emit("image", "pull", repository + "@" + digest, Map.of("name", repository));
  }

  /** The image pulled or pushed as {@code repository@digest}, or empty. */
  Optional<Image> byDigest(String repository, String digest) {
    return Optional.ofNullable(lock.locked(() -> {
      String id = digests.imageOf(repository, digest);
      return id == null ? null : graph.byId(id);
    }));
  }

  private PullOperation pullOperation(ProgressSink sink, PullOperation.Naming naming) {
    return new PullOperation(lock, graph, tags, staging, digests, registry, pools, transfers, sink, naming);
  }

  void push(String name, String endpoint, AuthConfig auth, ProgressSink sink) {
    new PushOperation(lock, graph, registry, tags, pools, transfers, sink)
        .run(name, endpoint == null ? "" : endpoint, auth);
    events.emit("image", "push", name, Map.of("name", name));
  }

  void pushTag(String repository, String tag, AuthConfig auth, ProgressSink sink) {
    new TagPushOperation(lock, graph, tags, digests, registry, pools, transfers, sink).run(repository, tag, auth);
    events.emit("image", "push", repository + ":" + tag, Map.of("name", repository));
  }

  String importImage(String src, InputStream body, String repo, String tag, ProgressSink sink) {
    return new ImportOperation(lock, graph, tags, staging, ids, clock, registry, transfers, sink,
        store.version()).run(src, body, repo, tag);
  }

  String insert(String name, String url, String path, ProgressSink sink) {
    return new InsertOperation(lock, tags, staging, ids, clock, registry, store, transfers, sink).run(name, url, path);
  }
}
