package io.mockdocker;

import io.mockdocker.internal.engine.Image;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A local image as the daemon holds it, read without HTTP: its ID (64 hex digits), its parent's ID ({@code ""} for a
 * base image), its size as inspect reports it, when it was created, its comment and its {@code repo:tag} names
 * (sorted; empty for an untagged image). A copy: later pulls, tags and removals do not change it.
 */
public record ImageInfo(String id, String parent, long size, OffsetDateTime created, String comment,
    List<String> tags) {

  public ImageInfo {
    tags = List.copyOf(tags);
  }

  static ImageInfo of(Image image, List<String> tags) {
    return new ImageInfo(image.id(), image.parent(), image.size(), image.created(), image.comment(),
        tags == null ? List.of() : tags);
  }
}
