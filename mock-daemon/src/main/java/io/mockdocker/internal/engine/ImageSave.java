package io.mockdocker.internal.engine;

import static io.mockdocker.internal.engine.ImageArchives.CONFIG_MEDIA_TYPE;
import static io.mockdocker.internal.engine.ImageArchives.IMAGE_NAME_ANNOTATION;
import static io.mockdocker.internal.engine.ImageArchives.INDEX_MEDIA_TYPE;
import static io.mockdocker.internal.engine.ImageArchives.LAYER_MEDIA_TYPE;
import static io.mockdocker.internal.engine.ImageArchives.MANIFEST_MEDIA_TYPE;
import static io.mockdocker.internal.engine.ImageArchives.REF_NAME_ANNOTATION;
import static io.mockdocker.internal.engine.ImageArchives.blobPath;
import static io.mockdocker.internal.engine.ImageArchives.digest;
import static io.mockdocker.internal.engine.ImageArchives.fullName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.ImageArchives.SaveItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * {@code docker save}: the engine's images written as the tar docker 25+ writes ({@code manifest.json},
 * {@code repositories}, and the OCI layout's {@code oci-layout}, {@code index.json} and {@code blobs/sha256/…}).
 * Each layer of an image's chain becomes a tar named by its SHA-256 (the diff ID), with a V1 JSON beside it; the
 * config carries the engine's ID of the top image, so a load gives the same IDs back. Part of {@link ImageArchives}.
 */
final class ImageSave {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StateLock lock;
  private final ImageGraph graph;
  private final Events events;

  ImageSave(StateLock lock, ImageGraph graph, Events events) {
    this.lock = lock;
    this.graph = graph;
    this.events = events;
  }

  /**
   * Writes the images as {@code docker save} does: blobs (layer tars, V1 JSONs, configs, OCI manifests), then
   * {@code index.json}, {@code manifest.json}, {@code oci-layout} and, when a name was saved, {@code repositories};
   * entries in lexical order. An image listed twice is written once with the names of both.
   */
  void save(List<SaveItem> items, OutputStream out) throws IOException {
    Map<String, List<String>> merged = new LinkedHashMap<>();
    for (SaveItem item : items) {
      List<String> names = merged.computeIfAbsent(item.imageId(), k -> new ArrayList<>());
      item.repoTags().stream().filter(t -> !names.contains(t)).forEach(names::add);
    }
    TreeMap<String, Blob> blobs = new TreeMap<>();
    ArrayNode manifest = JSON.createArrayNode();
    List<ObjectNode> descriptors = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : merged.entrySet()) {
      List<Image> chain = lock.locked(() -> {
        Image top = graph.byId(e.getKey());
        if (top == null) {
          throw new DockerException("No such image: " + e.getKey());
        }
        List<Image> history = new ArrayList<>(graph.history(top));
        java.util.Collections.reverse(history); // base first
        return history;
      });
      Image top = chain.get(chain.size() - 1);
      FileTime created = FileTime.from(top.created().toInstant());
      List<String> diffIds = new ArrayList<>();
      ObjectNode layerSources = JSON.createObjectNode();
      ArrayNode layerDescriptors = JSON.createArrayNode();
      ArrayNode layerPaths = JSON.createArrayNode();
      for (Image layer : chain) {
        byte[] tar = layerTar(layer.id());
        String digest = digest(tar);
        diffIds.add(digest);
        blobs.put(digest, new Blob(tar, created));
        byte[] v1 = bytes(ImageJson.v1Json(layer));
        blobs.put(digest(v1), new Blob(v1, created));
        ObjectNode source = JSON.createObjectNode().put("mediaType", LAYER_MEDIA_TYPE).put("size", tar.length)
            .put("digest", digest);
        layerSources.set(digest, source);
        layerDescriptors.addObject().put("mediaType", LAYER_MEDIA_TYPE).put("digest", digest).put("size",
            tar.length);
        layerPaths.add(blobPath(digest));
      }
      byte[] config = bytes(ImageJson.configJson(top, chain, diffIds));
      String configDigest = digest(config);
      blobs.put(configDigest, new Blob(config, created));
      ObjectNode ociManifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MANIFEST_MEDIA_TYPE);
      ociManifest.putObject("config").put("mediaType", CONFIG_MEDIA_TYPE).put("digest", configDigest)
          .put("size", config.length);
      ociManifest.set("layers", layerDescriptors);
      byte[] manifestBytes = bytes(ociManifest);
      String manifestDigest = digest(manifestBytes);
      blobs.put(manifestDigest, new Blob(manifestBytes, FileTime.fromMillis(0)));

      ObjectNode item = manifest.addObject().put("Config", blobPath(configDigest));
      if (e.getValue().isEmpty()) {
        item.putNull("RepoTags");
      } else {
        ArrayNode repoTags = item.putArray("RepoTags");
        for (String name : e.getValue()) {
          repoTags.add(name);
          int colon = name.lastIndexOf(':');
          repositories.computeIfAbsent(name.substring(0, colon), k -> new TreeMap<>())
              .put(name.substring(colon + 1), top.id());
          ObjectNode descriptor = descriptor(manifestDigest, manifestBytes.length);
          descriptor.putObject("annotations").put(IMAGE_NAME_ANNOTATION, fullName(name))
              .put(REF_NAME_ANNOTATION, name.substring(colon + 1));
          descriptors.add(descriptor);
        }
      }
      item.set("Layers", layerPaths);
      item.set("LayerSources", layerSources);
      if (descriptors.isEmpty()) { // only while no image so far had a name, as the daemon's check reads
        descriptors.add(descriptor(manifestDigest, manifestBytes.length));
      }
      events.emit("image", "save", top.id(), Map.of("name", top.id()));
    }
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", INDEX_MEDIA_TYPE);
    index.putArray("manifests").addAll(descriptors);
    writeArchive(out, blobs, bytes(index), lines(manifest),
        repositories.isEmpty() ? null : lines(JSON.valueToTree(repositories)));
  }

  private record Blob(byte[] bytes, FileTime mtime) {}

  private static ObjectNode descriptor(String digest, long size) {
    return JSON.createObjectNode().put("mediaType", MANIFEST_MEDIA_TYPE).put("digest", digest).put("size", size);
  }

  private byte[] layerTar(String imageId) throws IOException {
    // under the lock: a delete cannot remove the layer's files halfway through
    return lock.locked(() -> {
      try {
        return Layers.tarBytes(graph.layerDir(imageId));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void writeArchive(OutputStream out, TreeMap<String, Blob> blobs, byte[] index, byte[] manifest,
      byte[] repositories) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    FileTime epoch = FileTime.fromMillis(0);
    directory(tar, "blobs/", epoch);
    directory(tar, "blobs/sha256/", epoch);
    for (Map.Entry<String, Blob> blob : blobs.entrySet()) {
      file(tar, blobPath(blob.getKey()), blob.getValue().bytes(), blob.getValue().mtime());
    }
    file(tar, "index.json", index, epoch);
    file(tar, "manifest.json", manifest, epoch);
    file(tar, "oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8), epoch);
    if (repositories != null) {
      file(tar, "repositories", repositories, epoch);
    }
    tar.finish();
    out.flush();
  }

  private static void directory(TarArchiveOutputStream tar, String name, FileTime mtime) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_DIR);
    entry.setMode(0755);
    entry.setModTime(mtime);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, FileTime mtime)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    entry.setMode(0644);
    entry.setSize(content.length);
    entry.setModTime(mtime);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What Go's json.Encoder writes: the value and a newline. */
  private static byte[] lines(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(node));
    out.write('\n');
    return out.toByteArray();
  }
}
