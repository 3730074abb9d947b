package io.mockdocker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.Clock;
import io.mockdocker.registry.Config;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

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
 * graph and tags change under the engine's lock. Obtained from {@link Engine#imageArchives()}.
 */
public final class ImageArchives {
  static final String LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
  static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";
  static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  /** The character Jackson stopped at, in its two wordings. */
  private static final java.util.regex.Pattern JACKSON_BAD_CHARACTER =
      java.util.regex.Pattern.compile("(?:Unexpected character \\(|Unrecognized token )'(.)");

  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging staging;
  private final Ids ids;
  private final Clock clock;
  private final Events events;
  private final io.mockdocker.registry.Registry registry;

  ImageArchives(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, Ids ids, Clock clock,
      Events events, io.mockdocker.registry.Registry registry) {
    this.registry = registry;
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.staging = staging;
    this.ids = ids;
    this.clock = clock;
    this.events = events;
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

  static String blobPath(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  // ================================================================ load

  /**
   * Loads a tar (plain or compressed) of images: {@code manifest.json} when there is one, else the OCI layout's
   * {@code index.json}. Layers already present are kept; names move to the loaded images. Reports each layer and each
   * line ({@code Loaded image: …}, or {@code Loaded image ID: sha256:…} when the last image had no name) to
   * {@code listener}. Failures are {@link DockerException}s with the daemon's texts.
   */
  public List<Loaded> load(InputStream in, LoadListener listener) {
    Path root = staging.staging();
    // the daemon's temporary directory, named as os.MkdirTemp names it (a number from the staging ID)
    String shown = "/var/lib/docker/tmp/docker-import-"
        + Long.toUnsignedString(Long.parseUnsignedLong(root.getFileName().toString().substring(0, 8), 16));
    try {
      extract(in, root, shown);
      if (Files.isRegularFile(root.resolve("manifest.json"), LinkOption.NOFOLLOW_LINKS)) {
        return loadManifest(root, shown, listener);
      }
      if (Files.isRegularFile(root.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)) {
        return loadIndex(root, shown, listener);
      }
      throw new DockerException("open " + shown + "/repositories: no such file or directory");
    } finally {
      staging.discard(root);
    }
  }

  /**
   * Extracts {@code in} into {@code root} within the tar limits; a refused entry is worded as the daemon's breakout
   * error against {@code shown}, the directory the daemon would have extracted into.
   */
  private void extract(InputStream in, Path root, String shown) {
    try {
      TarExtraction.extract(in, root, staging.limits());
    } catch (TarExtraction.TarLimitException e) {
      throw new DockerException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new DockerException(Archives.breakout(String.valueOf(e.getMessage()), shown), e);
    }
  }

  /** One image to register: its config, the paths of its layers, and its names. */
  private record Entry(byte[] config, List<String> layerPaths, List<String> repoTags) {}

  private List<Loaded> loadManifest(Path root, String shown, LoadListener listener) {
    JsonNode manifest = readJson(root, "manifest.json", shown);
    if (manifest == null || manifest.isNull()) {
      throw new DockerException("invalid manifest, manifest cannot be null (but can be [])");
    }
    if (!manifest.isArray()) {
      throw new DockerException("json: cannot unmarshal " + kind(manifest)
          + " into Go value of type []tarexport.manifestItem");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : manifest) {
      List<String> layers = new ArrayList<>();
      item.path("Layers").forEach(l -> layers.add(l.asText()));
      List<String> repoTags = new ArrayList<>();
      item.path("RepoTags").forEach(t -> repoTags.add(t.asText()));
      entries.add(new Entry(readFile(root, item.path("Config").asText(), shown), layers, repoTags));
    }
    return register(root, shown, entries, listener);
  }

  private List<Loaded> loadIndex(Path root, String shown, LoadListener listener) {
    JsonNode index = readJson(root, "index.json", shown);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode descriptor : index.path("manifests")) {
      JsonNode m = readJson(root, blobPath(digestOf(descriptor)), shown);
      if (m.has("manifests")) { // an index of platforms: the first manifest for linux/amd64, else the first
        JsonNode chosen = null;
        for (JsonNode d : m.get("manifests")) {
          boolean amd64 = "amd64".equals(d.path("platform").path("architecture").asText("amd64"));
          if (chosen == null || amd64 && !"amd64".equals(chosen.path("platform").path("architecture").asText())) {
            chosen = d;
          }
        }
        if (chosen == null) {
          continue;
        }
        m = readJson(root, blobPath(digestOf(chosen)), shown);
      }
      List<String> layers = new ArrayList<>();
      m.path("layers").forEach(l -> layers.add(blobPath(digestOf(l))));
      String name = descriptor.path("annotations").path(IMAGE_NAME_ANNOTATION).asText("");
      entries.add(new Entry(readFile(root, blobPath(digestOf(m.path("config"))), shown), layers,
          name.isEmpty() ? List.of() : List.of(familiarName(name))));
    }
    return register(root, shown, entries, listener);
  }

  private static String digestOf(JsonNode descriptor) {
    String digest = descriptor.path("digest").asText("");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new DockerException("invalid digest \"" + digest + "\" in the OCI layout");
    }
    return digest;
  }

  private List<Loaded> register(Path root, String shown, List<Entry> entries, LoadListener listener) {
    List<Loaded> loaded = new ArrayList<>();
    StringBuilder idLines = new StringBuilder();
    int named = 0;
    for (Entry entry : entries) {
      JsonNode config = parse(entry.config());
      List<String> diffIds = new ArrayList<>();
      config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
      if (entry.layerPaths().size() != diffIds.size()) {
        throw new DockerException("invalid manifest, layers length mismatch: expected " + entry.layerPaths().size()
            + ", got " + diffIds.size());
      }
      List<String> layerIds = layerIds(root, config, diffIds, entry.config());
      String parent = "";
      for (int i = 0; i < diffIds.size(); i++) {
        parent = loadLayer(root, shown, i, diffIds.get(i), entry.layerPaths().get(i), layerIds.get(i), parent,
            i == diffIds.size() - 1 ? config : null, listener);
      }
      if (diffIds.isEmpty()) { // an image without layers: one empty layer holds its metadata
        parent = loadLayer(root, shown, 0, null, null, layerIds.get(0), "", config, listener);
      }
      String imageId = parent;
      idLines.append("Loaded image ID: sha256:").append(imageId).append('\n');
      named = 0;
      List<String> names = new ArrayList<>();
      for (String repoTag : entry.repoTags()) {
        String name = familiarName(repoTag);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon < slash || colon < 0) {
          throw new DockerException("invalid tag \"" + repoTag + "\"");
        }
        String repository = name.substring(0, colon);
        String tag = name.substring(colon + 1);
        String old = lock.locked(() -> {
          Map<String, String> repo = tags.repository(repository);
          String previous = repo == null ? null : repo.get(tag);
          tags.put(repository, tag, imageId);
          return previous;
        });
        if (old != null && !old.equals(imageId)) {
          listener.line("The image " + name + " already exists, renaming the old one with ID sha256:" + old
              + " to empty string");
        }
        events.emit("image", "tag", imageId, Map.of("name", name));
        listener.line("Loaded image: " + name);
        names.add(name);
        named++;
      }
      events.emit("image", "load", imageId, Map.of("name", imageId));
      loaded.add(new Loaded(imageId, names));
    }
    if (named == 0 && idLines.length() > 0) {
      idLines.toString().lines().forEach(listener::line);
    }
    return loaded;
  }

  /**
   * The engine IDs for the chain: the ones a save of this engine wrote (the config's {@code id} and the V1 JSONs'
   * parents), else the config's digest for the top and chain IDs below it.
   */
  private List<String> layerIds(Path root, JsonNode config, List<String> diffIds, byte[] configBytes) {
    int count = Math.max(1, diffIds.size());
    String top = config.path("id").asText("");
    if (Ids.isValid(top)) {
      Map<String, JsonNode> v1 = v1Jsons(root);
      List<String> chain = new ArrayList<>();
      String id = top;
      while (id != null && !id.isEmpty() && chain.size() < count) {
        chain.add(0, id);
        JsonNode json = v1.get(id);
        id = json == null ? null : json.path("parent").asText("");
      }
      if (chain.size() == count) {
        return chain;
      }
    }
    List<String> out = new ArrayList<>();
    String chainId = "";
    for (int i = 0; i < diffIds.size() - 1; i++) {
      chainId = chainId.isEmpty() ? diffIds.get(i) : digest((chainId + " " + diffIds.get(i))
          .getBytes(StandardCharsets.UTF_8));
      out.add(chainId.substring("sha256:".length()));
    }
    out.add(digest(configBytes).substring("sha256:".length()));
    return out;
  }

  /** The V1 JSONs among the blobs, by their {@code id}. */
  private static Map<String, JsonNode> v1Jsons(Path root) {
    Map<String, JsonNode> out = new TreeMap<>();
    Path blobs = root.resolve("blobs").resolve("sha256");
    if (!Files.isDirectory(blobs, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (var list = Files.list(blobs)) {
      for (Path blob : list.toList()) {
        if (Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS) && Files.size(blob) < (1 << 20)) {
          byte[] bytes = Files.readAllBytes(blob);
          if (bytes.length > 0 && bytes[0] == '{') {
            try {
              JsonNode json = JSON.readTree(bytes);
              if (Ids.isValid(json.path("id").asText("")) && !json.has("rootfs")) {
                out.put(json.get("id").asText(), json);
              }
            } catch (IOException notJson) {
              // a layer or another blob
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Registers one layer (unless its ID is there already) and returns its ID. */
  private String loadLayer(Path root, String shown, int index, String diffId, String layerPath, String id,
      String parent, JsonNode config, LoadListener listener) {
    if (lock.locked(() -> graph.exists(id))) {
      return id;
    }
    byte[] tar = layerPath == null ? new byte[0] : readFile(root, layerPath, shown);
    if (diffId != null) {
      String actual = digest(uncompressed(tar));
      if (!actual.equals(diffId)) {
        throw new DockerException("invalid diffID for layer " + index + ": expected \"" + diffId + "\", got \""
            + actual + "\"");
      }
    }
    Path staged = tar.length == 0 ? staging.staging() : staging.untar(tar);
    Image image;
    if (config != null) {
      image = ImageJson.image(config, id, parent, created(config));
    } else {
      image = new Image(id, parent, "", OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC), "",
          null, "", "", null, "", 0);
    }
    try {
      lock.locked(() -> graph.exists(id) ? null : staging.register(image, staged, 0));
    } finally {
      staging.discard(staged);
    }
    if (diffId != null) {
      listener.layerLoaded(diffId, tar.length);
    }
    return id;
  }

  private OffsetDateTime created(JsonNode config) {
    String created = ImageJson.text(config, "created");
    try {
      return created.isEmpty() ? Times.now(clock) : OffsetDateTime.parse(created, RFC3339);
    } catch (java.time.format.DateTimeParseException e) {
      throw new DockerException("parsing time \"" + created + "\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
    }
  }

  private static byte[] uncompressed(byte[] tar) {
    if (tar.length < 2 || (tar[0] & 0xff) != 0x1f || (tar[1] & 0xff) != 0x8b) {
      return tar;
    }
    try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(tar), true)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DockerException("gzip: invalid header", e);
    }
  }

  /** A file of the extracted archive; a name that leaves it, or a missing file, is the daemon's error. */
  private static byte[] readFile(Path root, String name, String shown) {
    Path path = root;
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new DockerException("\"" + name + "\" is outside of \"" + shown + "\"");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        path = path.resolve(part);
      }
    }
    if (name.isEmpty() || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new DockerException("open " + shown + "/" + name + ": no such file or directory");
    }
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readJson(Path root, String name, String shown) {
    return parse(readFile(root, name, shown));
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null) {
        throw new DockerException("unexpected end of JSON input");
      }
      return node;
    } catch (IOException e) {
      // Go's encoding/json words it by the first byte it could not take, or the end it did not expect
      java.util.regex.Matcher bad = JACKSON_BAD_CHARACTER.matcher(String.valueOf(e.getMessage()));
      throw new DockerException(bad.find() ? "invalid character '" + bad.group(1) + "' looking for beginning of value"
          : "unexpected end of JSON input");
    }
  }

  private static String kind(JsonNode n) {
    return n.isObject() ? "object" : n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "bool"
        : "value";
  }

  // ================================================================ import

  /**
   * {@code docker import}: one new image whose single layer is the tar {@code in} (plain or compressed), with
   * {@code comment}, the run config {@code config}, and the name {@code repository:tag} when given (the caller
   * checked it). Returns the new image.
   */
  public Image importImage(InputStream in, String repository, String tag, String comment, Config config) {
    Path staged = staging.staging();
    Image image;
    try {
      extract(in, staged, "/");
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

  /**
   * The file at {@code url} as the registry's URL map serves it (the daemon never leaves the process);
   * {@code Got HTTP status code >= 400: 404 Not Found} when it has none.
   */
  public byte[] download(String url) {
    return Downloads.get(registry, url);
  }

  // ================================================================ helpers

  /** {@code sha256:<hex>} of the bytes. */
  static String digest(byte[] bytes) {
    try {
      return "sha256:" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
