package io.mockdocker.engine;

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
  private final Engine engine;
  private final ProgressSink sink;

  TagPushOperation(Engine engine, ProgressSink sink) {
    this.engine = engine;
    this.sink = sink;
  }

  void run(String repository, String tag, AuthConfig auth) {
    String key = repository + ":" + tag;
    engine.poolAdd("push", key);
    try {
      Map<String, String> local = engine.locked(() -> engine.tags.repository(repository));
      String id = local == null ? null : local.get(tag);
      Image image = id == null ? null : engine.locked(() -> engine.graph.byId(id));
      if (image == null) {
        throw new RefusedByEngine(RefusedByEngine.Reason.NO_LOCAL_TAG, "No such id: " + key, repository);
      }
      checkAccess(repository, auth);
      List<String> baseFirst = engine.locked(() -> {
        List<String> ids = new ArrayList<>();
        for (Image layer : engine.graph.history(image)) {
          ids.add(layer.id());
        }
        Collections.reverse(ids);
        return ids;
      });
      baseFirst.forEach(sink::layerStarted);
      Registry registry = engine.registry;
      int number = 0;
      for (String layerId : baseFirst) {
        if (registry.findImage(layerId).isPresent()) {
          sink.layerPushed(layerId, true);
          continue;
        }
        Image layerImage = engine.locked(() -> engine.graph.byId(layerId));
        byte[] bytes = PushOperation.layerBytes(engine, layerId);
        bytes = Transfers.withProgress(engine, new Transfer(TransferKind.PUSH, repository, layerId, ++number, 0), bytes,
            bytes.length, "Pushing", sink);
        registry.receive(new RemoteImage(layerImage, layerImage.size(), bytes));
        sink.layerPushed(layerId, false);
      }
      registry.receiveTag(repository, tag, image.id());
      Manifest manifest = Manifest.of(repository, tag, image.id(), baseFirst);
      engine.digests.record(image.id(), repository, manifest.digest());
      sink.finished(image.id(), manifest, true);
    } finally {
      engine.poolRemove("push", key);
    }
  }

  /**
   * A registry host ({@code localhost:5000/x}) takes anonymous pushes; given credentials must be right. The default
   * registry wants an account that owns the repository's namespace.
   */
  private void checkAccess(String repository, AuthConfig auth) {
    Registry.Account account = engine.registry.account(auth.username());
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
