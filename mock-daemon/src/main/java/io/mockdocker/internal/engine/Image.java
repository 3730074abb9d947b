package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An image's metadata, as the daemon stored it in its JSON: the era's {@code Image} struct. The layer's files live in
 * the daemon's file system; see {@link Engine#layer(String)}.
 *
 * <p>Absent strings are {@code ""} (the API omits them, as Go's {@code omitempty} did); {@code config} may be
 * {@code null}. {@code created} keeps its offset: a pulled image prints the offset written in the registry's JSON.
 * {@code size} is what inspect reports as {@code "Size"}.
 */
public record Image(
    String id,
    String parent,
    String comment,
    OffsetDateTime created,
    String container,
    Config containerConfig,
    String dockerVersion,
    String author,
    Config config,
    String architecture,
    long size) {

  public Image {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    parent = parent == null ? "" : parent;
    comment = comment == null ? "" : comment;
    container = container == null ? "" : container;
    containerConfig = containerConfig == null ? Config.empty() : containerConfig;
    dockerVersion = dockerVersion == null ? "" : dockerVersion;
    author = author == null ? "" : author;
    architecture = architecture == null ? "" : architecture;
  }

  /** The first 12 characters of the ID. */
  public String shortId() {
    return Ids.shortId(id);
  }

  public boolean hasParent() {
    return !parent.isEmpty();
  }

  Image withSize(long newSize) {
    return new Image(id, parent, comment, created, container, containerConfig, dockerVersion, author, config,
        architecture, newSize);
  }
}
