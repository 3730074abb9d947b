package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code docker import}: one flat file system tar made a new image of a single layer, optionally tagged. Part of
 * {@link ImageArchives}.
 */
final class ImageImport {
  private final StateLock lock;
  private final TagStore tags;
  private final LayerStaging staging;
  private final Ids ids;
  private final Clock clock;
  private final Events events;

  ImageImport(StateLock lock, TagStore tags, LayerStaging staging, Ids ids, Clock clock, Events events) {
    this.lock = lock;
    this.tags = tags;
    this.staging = staging;
    this.ids = ids;
    this.clock = clock;
    this.events = events;
  }

  /**
   * {@code docker import}: one new image whose single layer is the tar {@code in} (plain or compressed), with
   * {@code comment}, the run config {@code config}, and the name {@code repository:tag} when given (the caller
   * checked it). Returns the new image.
   */
  Image importImage(InputStream in, String repository, String tag, String comment, Config config) {
    Path staged = staging.staging();
    Image image;
    try {
      ImageArchives.extract(staging, in, staged, "/");
      image = lock.locked(() -> {
        Image created = staging.register(new Image(ids.next(), "", comment, Times.now(clock), "", null, "", "",
            config, "amd64", 0), staged, 0);
        if (repository != null && !repository.isEmpty()) {
          tags.put(repository, tag, created.id());
        }
        return created;
      });
    } finally {
      staging.discard(staged);
    }
    events.emit("image", "import", image.id(), Map.of("name", image.id()));
    if (repository != null && !repository.isEmpty()) {
      events.emit("image", "tag", image.id(), Map.of("name", repository + ":" + tag));
    }
    return image;
  }
}
