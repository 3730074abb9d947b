package io.mockdocker.internal.engine;

import static io.mockdocker.internal.engine.ImageArchives.IMAGE_NAME_ANNOTATION;
import static io.mockdocker.internal.engine.ImageArchives.blobPath;
import static io.mockdocker.internal.engine.ImageArchives.digest;
import static io.mockdocker.internal.engine.ImageArchives.familiarName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Clock;
import io.mockdocker.internal.engine.ImageArchives.LoadListener;
import io.mockdocker.internal.engine.ImageArchives.Loaded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * {@code docker load}: a tar of images (the layout {@code docker save} writes, or a plain OCI layout with only
 * {@code index.json}) registered in the engine's graph, with its names tagged. A tar this engine saved keeps its
 * IDs; one written by anything else gets the daemon's IDs: the config's digest for the image, the chain ID of the
 * diff IDs for each layer below it. Failures carry the daemon's texts. Part of {@link ImageArchives}.
 */
final class ImageLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  /** The character Jackson stopped at, in its two wordings. */
  private static final java.util.regex.Pattern JACKSON_BAD_CHARACTER =
      java.util.regex.Pattern.compile("(?:Unexpected character \\(|Unrecognized token )'(.)");

  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final LayerStaging staging;
  private final Clock clock;
  private final Events events;

  ImageLoad(StateLock lock, ImageGraph graph, TagStore tags, LayerStaging staging, Clock clock, Events events) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.staging = staging;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Loads a tar (plain or compressed) of images: {@code manifest.json} when there is one, else the OCI layout's
   * {@code index.json}. Layers already present are kept; names move to the loaded images. Reports each layer and each
   * line ({@code Loaded image: …}, or {@code Loaded image ID: sha256:…} when the last image had no name) to
   * {@code listener}. Failures are {@link DockerException}s with the daemon's texts.
   */
  List<Loaded> load(InputStream in, LoadListener listener) {
    Path root = staging.staging();
    // the daemon's temporary directory, named as os.MkdirTemp names it (a number from the staging ID)
    String shown = "/var/lib/docker/tmp/docker-import-"
        + Long.toUnsignedString(Long.parseUnsignedLong(root.getFileName().toString().substring(0, 8), 16));
    try {
      ImageArchives.extract(staging, in, root, shown);
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
}
