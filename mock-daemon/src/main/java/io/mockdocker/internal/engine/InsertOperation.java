package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code POST /images/(name)/insert}: downloads a URL into a new layer on top of an image through a helper
 * container that is created, never started, and left behind, as v0.4.4's ImageInsert did.
 */
final class InsertOperation {
  private final StateLock lock;
  private final TagStore tags;
  private final LayerStaging staging;
  private final Ids ids;
  private final Clock clock;
  private final Registry registry;
  private final ContainerStore store;
  private final Transfers transfers;
  private final ProgressSink sink;

  InsertOperation(StateLock lock, TagStore tags, LayerStaging staging, Ids ids, Clock clock, Registry registry,
      ContainerStore store, Transfers transfers, ProgressSink sink) {
    this.lock = lock;
    this.tags = tags;
    this.staging = staging;
    this.ids = ids;
    this.clock = clock;
    this.registry = registry;
    this.store = store;
    this.transfers = transfers;
    this.sink = sink;
  }

  String run(String name, String url, String path) {
    Image source = lock.locked(() -> tags.lookup(name));
    byte[] bytes = Downloads.get(registry, url);
    Config helperConfig = Config.builder()
        .attachStdout(true)
        .attachStderr(true)
        .cmd(List.of("echo", "insert", url, path))
        .image(source.id())
        .volumes(List.of())
        .build();
    LiveContainer helper = lock.locked(() -> store.create(helperConfig, new java.util.ArrayList<>()));
    bytes = transfers.withProgress(new Transfer(TransferKind.INSERT, url, "", 1, 0), bytes, bytes.length,
        "Downloading", sink);
    Path staged = staging.staging();
    try {
      inject(staged, path, bytes);
    } catch (RuntimeException e) {
      staging.discard(staged);
      throw e;
    }
    Image image = lock.locked(() -> staging.register(new Image(ids.next(), source.id(), source.comment(),
        Times.now(clock), helper.id, helper.config, store.version(), source.author(), null, "x86_64", 0), staged, 0));
    sink.status(image.id());
    return image.shortId();
  }

  private static void inject(Path layer, String path, byte[] bytes) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.contains("..")) {
      throw new DockerException("Invalid path: " + path);
    }
    try {
      Path target = layer.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
