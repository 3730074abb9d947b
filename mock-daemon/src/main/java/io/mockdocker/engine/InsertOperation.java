package io.mockdocker.engine;

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
  private final Engine engine;
  private final ProgressSink sink;

  InsertOperation(Engine engine, ProgressSink sink) {
    this.engine = engine;
    this.sink = sink;
  }

  String run(String name, String url, String path) {
    Image source = engine.locked(() -> engine.tags.lookup(name));
    byte[] bytes = Downloads.get(engine.registry, url);
    Config helperConfig = Config.builder()
        .attachStdout(true)
        .attachStderr(true)
        .cmd(List.of("echo", "insert", url, path))
        .image(source.id())
        .volumes(List.of())
        .build();
    LiveContainer helper = engine.locked(() -> engine.store.create(helperConfig, new java.util.ArrayList<>()));
    bytes = Transfers.withProgress(engine, new Transfer(TransferKind.INSERT, url, "", 1, 0), bytes, bytes.length,
        "Downloading", sink);
    Path staged = engine.layers.staging();
    try {
      inject(staged, path, bytes);
    } catch (RuntimeException e) {
      engine.layers.discard(staged);
      throw e;
    }
    Image image = engine.locked(() -> engine.layers.register(new Image(engine.ids.next(), source.id(), source.comment(),
        engine.now(), helper.id, helper.config, Engine.VERSION, source.author(), null, "x86_64", 0), staged, 0));
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
