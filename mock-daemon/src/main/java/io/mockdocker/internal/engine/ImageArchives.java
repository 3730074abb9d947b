package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Images in and out as files: the tar {@code docker save} writes (docker 25+: {@code manifest.json},
 * {@code repositories}, and the OCI layout's {@code oci-layout}, {@code index.json} and {@code blobs/sha256/…}), its
 * reverse {@code docker load} (that layout, or a plain OCI layout with only {@code index.json}), and the import of
 * one flat file system tar as a new image.
 *
 * <p>The engine's images are chains of one-layer images with legacy random IDs. A saved image's layers are tars of
 * its chain's layer files, named by their SHA-256 (the diff IDs); its config names those diff IDs and carries the
 * engine's ID of the top image in the V1 field {@code id}, and one V1 JSON per layer (with {@code id} and
 * {@code parent}) is written beside it, as the daemon did. Loading such a tar gives the same IDs back, so save and
 * load round-trip. A tar written by anything else gets the daemon's IDs: the config's digest for the image, the
 * chain ID of the diff IDs for each layer below it.
 *
 * <p>Every extraction keeps to the engine's tar limits and refuses names that leave the archive. Thread-safe: the
 * graph and tags change under the engine's lock. Obtained from {@link Engine#imageArchives()}; the work is done by
 * {@link ImageSave}, {@link ImageLoad} and {@link ImageImport}.
 */
public final class ImageArchives {
  static final String LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
  static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";
  static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
  private static final HexFormat HEX = HexFormat.of();

  private final ImageSave save;
  private final ImageLoad load;
  private final ImageImport imports;
  private final io.mockdocker.registry.Registry registry;

  ImageArchives(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, Ids ids, Clock clock,
      Events events, io.mockdocker.registry.Registry registry) {
    this.registry = registry;
    this.save = new ImageSave(lock, graph, events);
    this.load = new ImageLoad(lock, graph, tags, staging, clock, events);
    this.imports = new ImageImport(lock, tags, staging, ids, clock, events);
  }

  /** One image to save: its ID and the {@code repository:tag} names written for it (none for an ID). */
  public record SaveItem(String imageId, List<String> repoTags) {
    public SaveItem {
      repoTags = List.copyOf(repoTags);
    }
  }

  /** One image a load registered (or found already there) and the names it was given. */
  public record Loaded(String imageId, List<String> repoTags) {
    public Loaded {
      repoTags = List.copyOf(repoTags);
    }
  }

  /** What a load reports as it goes: each layer as it is loaded, each line of text. */
  public interface LoadListener {
    /** A layer with this diff ID ({@code sha256:…}) and tar size was loaded (not called for layers already there). */
    void layerLoaded(String diffId, long size);

    /** A line for the user, without its newline ({@code Loaded image: busybox:latest}). */
    void line(String text);
  }

  // ================================================================ save

  /**
   * Writes the images as {@code docker save} does: blobs (layer tars, V1 JSONs, configs, OCI manifests), then
   * {@code index.json}, {@code manifest.json}, {@code oci-layout} and, when a name was saved, {@code repositories};
   * entries in lexical order. An image listed twice is written once with the names of both.
   */
  public void save(List<SaveItem> items, OutputStream out) throws IOException {
    save.save(items, out);
  }

  // ================================================================ load

  /**
   * Loads a tar (plain or compressed) of images: {@code manifest.json} when there is one, else the OCI layout's
   * {@code index.json}. Layers already present are kept; names move to the loaded images. Reports each layer and each
   * line ({@code Loaded image: …}, or {@code Loaded image ID: sha256:…} when the last image had no name) to
   * {@code listener}. Failures are {@link DockerException}s with the daemon's texts.
   */
  public List<Loaded> load(InputStream in, LoadListener listener) {
    return load.load(in, listener);
  }

  // ================================================================ import

  /**
   * {@code docker import}: one new image whose single layer is the tar {@code in} (plain or compressed), with
   * {@code comment}, the run config {@code config}, and the name {@code repository:tag} when given (the caller
   * checked it). Returns the new image.
   */
  public Image importImage(InputStream in, String repository, String tag, String comment, Config config) {
    return imports.importImage(in, repository, tag, comment, config);
  }

  /**
   * The file at {@code url} as the registry's URL map serves it (the daemon never leaves the process);
   * {@code Got HTTP status code >= 400: 404 Not Found} when it has none.
   */
  public byte[] download(String url) {
    return Downloads.get(registry, url);
  }

  // ================================================================ helpers

  /**
   * Extracts {@code in} into {@code root} within the tar limits; a refused entry is worded as the daemon's breakout
   * error against {@code shown}, the directory the daemon would have extracted into.
   */
  static void extract(LayerStaging staging, InputStream in, Path root, String shown) {
    try {
      TarExtraction.extract(in, root, staging.limits());
    } catch (TarExtraction.TarLimitException e) {
      throw new DockerException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new DockerException(Archives.breakout(String.valueOf(e.getMessage()), shown), e);
    }
  }

  /** {@code sha256:<hex>} of the bytes. */
  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String blobPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  /** {@code busybox:latest} as {@code docker.io/library/busybox:latest}; names with a registry host stay. */
  static String fullName(String name) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      return name;
    }
    return "docker.io/" + (slash < 0 ? "library/" : "") + name;
  }

  /** The reverse of {@link #fullName}: {@code docker.io/library/busybox:latest} as {@code busybox:latest}. */
  static String familiarName(String name) {
    for (String prefix : List.of("docker.io/library/", "index.docker.io/library/", "docker.io/",
        "index.docker.io/")) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }
}
