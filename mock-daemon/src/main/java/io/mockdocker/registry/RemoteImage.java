package io.mockdocker.registry;

import io.mockdocker.internal.engine.Ids;
import io.mockdocker.internal.engine.Image;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image as a registry holds it: its JSON metadata and its layer as an uncompressed tar.
 *
 * <p>{@code declaredSize} is the {@code Size} written in the registry's JSON, or {@code -1} when the pushing daemon
 * wrote none (daemons before v0.4.1). A daemon that pulls the image reports that declared size plus its own walk of
 * the layer, as v0.4.4 did.
 */
public final class RemoteImage {
  private final Image metadata;
  private final long declaredSize;
  private final byte[] layer;

  RemoteImage(Image metadata, long declaredSize, byte[] layer) {
    this.metadata = Objects.requireNonNull(metadata);
    this.declaredSize = declaredSize;
    this.layer = layer;
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  public String id() {
    return metadata.id();
  }

  Image metadata() {
    return metadata;
  }

  public long declaredSize() {
    return declaredSize;
  }

  /** The length of the layer tar, which the progress of a pull counts against. */
  public int layerSize() {
    return layer.length;
  }

  byte[] layerBytes() {
    return layer;
  }

  @Override
  public String toString() {
    return "RemoteImage{" + metadata.shortId() + ", parent=" + Ids.shortId(metadata.parent()) + ", layer="
        + layer.length + " bytes}";
  }

  /** Builds a registry image: metadata fields and a small file tree for its layer. */
  public static final class Builder {
    private final String id;
    private String parent = "";
    private String comment = "";
    private OffsetDateTime created = OffsetDateTime.parse("2013-06-13T14:03:50.821769-07:00");
    private String container = "";
    private Config containerConfig = Config.empty();
    private String dockerVersion = "";
    private String author = "";
    private Config config;
    private String architecture = "";
    private long declaredSize = -1;
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private byte[] rawLayer;

    private Builder(String id) {
      if (!Ids.isValid(id)) {
        throw new IllegalArgumentException("an image ID is 64 lowercase hex characters: " + id);
      }
      this.id = id;
    }

    public Builder parent(String v) { parent = v == null ? "" : v; return this; }
    public Builder comment(String v) { comment = v; return this; }
    public Builder created(OffsetDateTime v) { created = Objects.requireNonNull(v); return this; }
    public Builder container(String v) { container = v; return this; }
    public Builder containerConfig(Config v) { containerConfig = v; return this; }
    public Builder dockerVersion(String v) { dockerVersion = v; return this; }
    public Builder author(String v) { author = v; return this; }
    public Builder config(Config v) { config = v; return this; }
    public Builder architecture(String v) { architecture = v; return this; }

    /** The {@code Size} the registry's JSON declares; omit for an image pushed by a daemon before v0.4.1. */
    public Builder declaredSize(long v) { declaredSize = v; return this; }

    /** A regular file in the layer; parent directories are added. */
    public Builder file(String path, String content) {
      return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public Builder file(String path, byte[] content) {
      files.put(normalize(path), content.clone());
      return this;
    }

    /** A regular file of {@code size} bytes of filler (a repeating text pattern). */
    public Builder file(String path, int size) {
      byte[] pattern = ("mock-docker filler for " + path + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] content = new byte[size];
      for (int i = 0; i < size; i++) {
        content[i] = pattern[i % pattern.length];
      }
      files.put(normalize(path), content);
      return this;
    }

    /** An (empty) directory in the layer. */
    public Builder directory(String path) {
      files.putIfAbsent(normalize(path) + "/", null);
      return this;
    }

    /** Uses these exact tar bytes as the layer instead of a file tree. */
    public Builder layerTar(byte[] tar) {
      rawLayer = tar.clone();
      return this;
    }

    public RemoteImage build() {
      Image metadata = new Image(id, parent, comment, created, container, containerConfig, dockerVersion, author,
          config, architecture, declaredSize < 0 ? 0 : declaredSize);
      return new RemoteImage(metadata, declaredSize, rawLayer != null ? rawLayer : tar(files));
    }

    private static String normalize(String path) {
      String p = path.startsWith("/") ? path.substring(1) : path;
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (p.isEmpty() || p.contains("..")) {
        throw new IllegalArgumentException("not a file path inside a layer: " + path);
      }
      return p;
    }

    private static byte[] tar(Map<String, byte[]> files) {
      TreeMap<String, byte[]> entries = new TreeMap<>();
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        String name = e.getKey();
        String[] parts = name.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
          dir.append(parts[i]).append('/');
          entries.putIfAbsent(dir.toString(), null);
        }
        entries.put(name, e.getValue());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        long mtime = 1371157430_000L;
        TarArchiveEntry root = new TarArchiveEntry("./");
        root.setModTime(mtime);
        root.setMode(040755);
        tar.putArchiveEntry(root);
        tar.closeArchiveEntry();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          boolean dir = e.getKey().endsWith("/") || e.getValue() == null;
          String name = "./" + e.getKey() + (dir && !e.getKey().endsWith("/") ? "/" : "");
          TarArchiveEntry entry = new TarArchiveEntry(name);
          entry.setModTime(mtime);
          if (dir) {
            entry.setMode(040755);
            tar.putArchiveEntry(entry);
          } else {
            entry.setMode(0100644);
            entry.setSize(e.getValue().length);
            tar.putArchiveEntry(entry);
            tar.write(e.getValue());
          }
          tar.closeArchiveEntry();
        }
        tar.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}
