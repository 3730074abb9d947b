package io.mockdocker.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link Engine#load}: images made local straight from memory, as a pull would have left them. */
final class ImageLoader {
  private ImageLoader() {}

  static List<Image> load(Engine engine, List<RemoteImage> images) {
    List<Image> loaded = new ArrayList<>(images.size());
    for (RemoteImage remote : images) {
      Path staged = engine.layers.untar(remote.layerBytes());
      try {
        loaded.add(engine.locked(() -> {
          String parent = remote.metadata().parent();
          if (!parent.isEmpty() && !engine.graph.exists(parent)) {
            throw new DockerException("No such image: " + parent + " (the parent of " + remote.id() + ")");
          }
          return engine.layers.register(remote.metadata(), staged, Math.max(0, remote.declaredSize()));
        }));
      } catch (RuntimeException e) {
        engine.layers.discard(staged);
        throw e;
      }
    }
    return loaded;
  }
}
