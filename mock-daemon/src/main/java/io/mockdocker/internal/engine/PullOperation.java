package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.TransferKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One {@code POST /images/create?fromImage=…}: the message sequence of v0.4.4's ImagePull. */
final class PullOperation {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging staging;
  private final RepoDigests digests;
  private final Registry registry;
  private final OperationPools pools;
  private final Transfers transfers;
  private final ProgressSink sink;
  /** The name transfers are reported under, and how many layers this pull has downloaded. */
  private String repository = "";
  private int layers;
  private final Naming naming;
  /** Whether layers that unpack cleanly are registered packed, unpacked on first need (a daemon's fixture pulls). */
  private boolean packed;

  /** How the pulled name is read, and what a second pull of a name being pulled does. */
  enum Naming {
    /** The era's repository names: at most one {@code /}; a second pull is refused as already in progress. */
    REPOSITORY(false),
    /**
     * References checked by the view: a registry host allowed; a second pull joins the one in progress (it waits
     * for it, then finds its layers there), as docker 28 shared a download between concurrent pulls.
     */
    REFERENCE(true);

    final boolean joinsPullInProgress;

    Naming(boolean joinsPullInProgress) {
      this.joinsPullInProgress = joinsPullInProgress;
    }
  }

  PullOperation(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, RepoDigests digests,
      Registry registry, OperationPools pools, Transfers transfers, ProgressSink sink, Naming naming) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.staging = staging;
    this.digests = digests;
    this.registry = registry;
    this.pools = pools;
    this.transfers = transfers;
    this.sink = sink;
    this.naming = naming;
  }

  /**
   * Registers the layers this pull downloads packed when they are known to unpack within the daemon's limits
   * ({@link PackedLayers}), so that their files are unpacked on first need rather than now: what a daemon's fixtures
   * pull at start. Answers about the images (sizes, history, inspect) are the same either way.
   */
  PullOperation packed() {
    this.packed = true;
    return this;
  }

  void run(String name, String tag, String endpoint) {
    run(name, tag, endpoint, "");
  }

  /**
   * Pulls the manifest {@code digest} ({@code sha256:…}) of the repository: the registry tag whose manifest has that
   * digest, left untagged locally and recorded in the image's {@code RepoDigests}.
   */
  void runDigest(String name, String digest) {
    run(name, "", "", digest);
  }

  private void run(String name, String tag, String endpoint, String digest) {
    String key = digest.isEmpty() ? name + ":" + tag : name + "@" + digest;
    if (naming.joinsPullInProgress) {
      pools.join("pull", key);
    } else {
      pools.add("pull", key);
    }
    repository = name;
    try {
      if (!endpoint.isEmpty()) {
        pullImage(name);
        return;
      }
      String remote = name;
      if (naming == Naming.REPOSITORY && name.split("/", -1).length > 2) {
        remote = "src/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
      }
      pullRepository(name, remote, tag, digest);
    } finally {
      pools.remove("pull", key);
    }
  }

  private void pullRepository(String local, String remote, String requestedTag, String digest) {
    sink.status("Pulling repository " + local + " from " + registry.indexAddress());
    RegistryAccess.synthesize(registry, remote, requestedTag);
    List<String> imageList = RegistryAccess.repositoryImages(registry, remote);
    Map<String, String> tagsList = registry.tags(remote).orElse(null);
    if (imageList == null || tagsList == null) {
      throw new NotInRegistry("HTTP code: 404", local, requestedTag, false);
    }
    String askedTag = requestedTag;
    if (!digest.isEmpty()) {
      askedTag = tagWithDigest(local, tagsList, digest);
      if (askedTag == null) {
        throw new NotInRegistry("manifest unknown", local, digest, true);
      }
    }
    Map<String, String> tagOf = new TreeMap<>();
    if (askedTag.isEmpty()) {
      tagsList.forEach((tag, id) -> tagOf.put(id, tag));
    } else {
      String id = tagsList.get(askedTag);
      if (id == null) {
        throw new NotInRegistry("Tag " + askedTag + " not found in repositoy " + local, local, askedTag, true);
      }
      tagOf.put(id, askedTag);
      sink.resolved(local, digest.isEmpty() ? askedTag : digest, id);
    }
    for (String id : imageList) {
      String imgTag = tagOf.getOrDefault(id, "");
      if (!askedTag.isEmpty() && !imgTag.equals(askedTag)) {
        continue;
      }
      sink.status("Pulling image " + id + " (" + imgTag + ") from " + remote);
      try {
        pullImage(id);
      } catch (DockerException e) {
        sink.status("Error while retrieving image for tag: " + askedTag + " (" + e.getMessage()
            + "); checking next endpoint");
        throw new DockerException("Could not find repository on any of the indexed registries.", e);
      }
    }
    String tagged = askedTag;
    boolean moved = digest.isEmpty() && lock.locked(() -> {
      boolean any = false;
      for (Map.Entry<String, String> e : tagsList.entrySet()) {
        if (tagged.isEmpty() || e.getKey().equals(tagged)) {
          Map<String, String> before = tags.repository(local);
          any |= before == null || !e.getValue().equals(before.get(e.getKey()));
          if (naming == Naming.REFERENCE) {
            tags.put(local, e.getKey(), e.getValue());
          } else {
            tags.set(local, e.getKey(), e.getValue());
          }
        }
      }
      return any;
    });
    if (askedTag.isEmpty()) {
      sink.finished("", null, moved || layers > 0);
      return;
    }
    String id = tagsList.get(askedTag);
    Manifest manifest = Manifest.ofRegistry(registry, local, askedTag, id);
    digests.record(id, local, manifest.digest());
    sink.finished(id, manifest, moved || layers > 0);
  }

  /** The tag whose manifest has {@code digest}, or null. */
  private String tagWithDigest(String repository, Map<String, String> tagsList, String digest) {
    for (Map.Entry<String, String> e : tagsList.entrySet()) {
      if (Manifest.ofRegistry(registry, repository, e.getKey(), e.getValue()).digest().equals(digest)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Pulls an image and its missing ancestors, the image itself first, down to the base. */
  private void pullImage(String id) {
    List<String> history = RegistryAccess.ancestry(registry, id);
    if (history == null) {
      throw new DockerException("Internal server error: 404 trying to fetch remote history for " + id);
    }
    for (int i = history.size() - 1; i >= 0; i--) {
      String layerId = history.get(i);
      if (lock.locked(() -> graph.exists(layerId))) {
        sink.layerExists(layerId);
      } else {
        sink.layerStarted(layerId);
      }
    }
    for (String layerId : history) {
      boolean present = lock.locked(() -> graph.exists(layerId));
      if (present) {
        continue;
      }
      sink.status("Pulling " + layerId + " metadata");
      RemoteImage remote = registry.findImage(layerId)
          .orElseThrow(() -> new DockerException("HTTP code 404"));
      sink.status("Pulling " + layerId + " fs layer");
      Transfer transfer = new Transfer(TransferKind.PULL, repository, layerId, ++layers, 0);
      byte[] layer = transfers.withProgress(transfer, RegistryAccess.layerBytes(remote), remote.layerSize(), "Downloading",
          sink);
      sink.layerDownloaded(layerId);
      if (packed && registerPacked(remote, layer)) {
        sink.layerRegistered(layerId);
        continue;
      }
      Path staged = staging.untar(layer);
      boolean registered = lock.locked(() -> {
        if (!graph.exists(layerId)) {
          staging.register(RegistryAccess.metadata(remote), staged, Math.max(0, remote.declaredSize()));
          return true;
        }
        return false;
      });
      if (!registered) {
        staging.discard(staged);
      }
      sink.layerRegistered(layerId);
    }
  }

  /** Registers {@code layer} packed when it unpacks within the limits; false when it must be unpacked now. */
  private boolean registerPacked(RemoteImage remote, byte[] layer) {
    TarLimits limits = staging.limits().limits();
    long walked = PackedLayers.walkSize(layer, limits);
    if (walked == PackedLayers.DOES_NOT_UNPACK) {
      return false;
    }
    Image image = RegistryAccess.metadata(remote);
    lock.locked(() -> graph.exists(image.id())
        ? null : graph.registerPacked(image, layer, limits, Math.max(0, remote.declaredSize()) + walked));
    return true;
  }
}
