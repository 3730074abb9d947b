package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classic builder's commits: the image and config of the stage being built, moved one step at a time by a
 * step container committed as an untagged image (removed when asked), the cache asked first (the local images, or
 * only the children of the {@code cachefrom} images when there are any).
 */
final class ClassicCommits {
  private final Images images;
  private final StateLock lock;
  private final ContainerStore store;
  private final BuildOutput out;
  private final BuildRequest request;

  /** The IDs of the {@code cachefrom} images found (the names that resolve to nothing are skipped). */
  final List<String> cacheSources = new ArrayList<>();

  // the current stage
  String image = "";
  String maintainer = "";
  ConfigInstructions.State state = new ConfigInstructions.State(null);

  ClassicCommits(Images images, StateLock lock, ContainerStore store, BuildOutput out, BuildRequest request) {
    this.images = images;
    this.lock = lock;
    this.store = store;
    this.out = out;
    this.request = request;
  }

  /** The no-op command a metadata step records: the shell, then {@code #(nop) } and the comment. */
  List<String> nop(String comment, boolean oneWord) {
    List<String> cmd = new ArrayList<>(ConfigInstructions.shell(state.config));
    if (oneWord) {
      cmd.add("#(nop) " + comment);
    } else {
      cmd.add("#(nop) ");
      cmd.add(comment);
    }
    return cmd;
  }

  /** A metadata step: the cache, or a container that records the comment, committed with the config. */
  void commit(String comment, boolean oneWord) {
    Config nop = state.config.toBuilder().image(image).cmd(nop(comment, oneWord)).build();
    if (fromCache(nop)) {
      return;
    }
    commitContainer(create(nop), nop);
  }

  /** Whether the cache has this step (a child of the current image made with {@code probe}); then it is taken. */
  boolean fromCache(Config probe) {
    String cached = request.noCache() ? null : request.cacheFrom().isEmpty()
        ? images.cachedChild(image, probe).orElse(null) : images.cachedChildIn(image, probe, cacheSources).orElse(null);
    if (cached == null) {
      return false;
    }
    out.usingCache();
    image = cached;
    return true;
  }

  void commitContainer(LiveContainer c, Config containerConfig) {
    Config config = state.config.toBuilder().image(image).build();
    image = store.commit(c, "", "", "", maintainer, config, containerConfig).id();
    if (request.remove()) {
      store.remove(c.id);
      out.removedIntermediate(c.id);
    }
  }

  LiveContainer create(Config config) {
    LiveContainer c = lock.locked(() -> {
      LiveContainer created = store.createForBuild(config, image.isEmpty());
      synchronized (created) { // a step's container exposes the ports (any protocol) but publishes none
        created.ports = new PortConfig(Set.of(), Map.of(), false).withImagePorts(created.config.portSpecs());
      }
      return created;
    });
    out.runningIn(c.id);
    return c;
  }
}
