package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.TransferKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A push of one {@code repository:tag} to the one fake registry, which keys repositories by their full name (a
 * registry host such as {@code localhost:5000/} included). Layers go base first; each layer the registry has already
 * is not uploaded. Reports through the sink's structured events only.
 */
final class TagPushOperation {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final RepoDigests digests;
  private final Registry registry;
  private final OperationPools pools;
  private final Transfers transfers;
  private final ProgressSink sink;

  TagPushOperation(StateLock lock, ImageGraph graph, TagStore tags, RepoDigests digests, Registry registry,
      OperationPools pools, Transfers transfers, ProgressSink sink) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.digests = digests;
    this.registry = registry;
    this.pools = pools;
    this.transfers = transfers;
    this.sink = sink;
  }

  void run(String repository, String tag, AuthConfig auth) {
    String key = repository + ":" + tag;
    pools.add("push", key);
    try {
      Map<String, String> local = lock.locked(() -> tags.repository(repository));
      String id = local == null ? null : local.get(tag);
      Image image = id == null ? null : lock.locked(() -> graph.byId(id));
      if (image == null) {
        throw new RefusedByEngine(RefusedByEngine.Reason.NO_LOCAL_TAG, "No such id: " + key, repository);
      }
      checkAccess(repository, auth);
      List<String> baseFirst = lock.locked(() -> {
        List<String> ids = new ArrayList<>();
        for (Image layer : graph.history(image)) {
          ids.add(layer.id());
        }
        Collections.reverse(ids);
        return ids;
      });
      baseFirst.forEach(sink::layerStarted);
      int number = 0;
      for (String layerId : baseFirst) {
        if (registry.findImage(layerId).isPresent()) {
          sink.layerPushed(layerId, true);
          continue;
        }
        Image layerImage = lock.locked(() -> graph.byId(layerId));
        byte[] bytes = PushOperation.layerBytes(graph, layerId);
        bytes = transfers.withProgress(new Transfer(TransferKind.PUSH, repository, layerId, ++number, 0), bytes,
            bytes.length, "Pushing", sink);
        RegistryAccess.receive(registry, RegistryAccess.remoteImage(layerImage, layerImage.size(), bytes));
        sink.layerPushed(layerId, false);
      }
      RegistryAccess.receiveTag(registry, repository, tag, image.id());
      Manifest manifest = Manifest.of(repository, tag, image.id(), baseFirst);
      digests.record(image.id(), repository, manifest.digest());
      sink.finished(image.id(), manifest, true);
    } finally {
      pools.remove("push", key);
    }
  }

  /**
   * A registry host ({@code localhost:5000/x}) takes anonymous pushes; given credentials must be right. The default
   * registry wants an account that owns the repository's namespace.
   */
  private void checkAccess(String repository, AuthConfig auth) {
    Registry.Account account = RegistryAccess.account(registry, auth.username());
    boolean valid = account != null && account.password().equals(auth.password());
    boolean ok;
    if (hasRegistryHost(repository)) {
      ok = auth.username().isEmpty() || valid;
    } else {
      int slash = repository.indexOf('/');
      ok = valid && slash > 0 && repository.substring(0, slash).equals(account.username());
    }
    if (!ok) {
      throw new RefusedByEngine(RefusedByEngine.Reason.ACCESS_DENIED, "Access denied to repository " + repository,
          repository);
    }
  }

  /** Whether the name's first component is a registry host: it has a dot or a port, or is {@code localhost}. */
  static boolean hasRegistryHost(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = name.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }
}
