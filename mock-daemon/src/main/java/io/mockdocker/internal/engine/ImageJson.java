package io.mockdocker.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.registry.Config;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image JSON inside a saved archive, written and read: the V1 JSON of one layer, the image config with its
 * history and diff IDs, and run configs in the daemon's image JSON keys.
 */
final class ImageJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private ImageJson() {}

  /** The V1 JSON of one layer: the engine's metadata of that one-layer image, with its ID and parent. */
  static ObjectNode v1Json(Image image) {
    ObjectNode o = JSON.createObjectNode().put("id", image.id());
    if (image.hasParent()) {
      o.put("parent", image.parent());
    }
    metadata(o, image);
    return o;
  }

  /** The image config: the top's metadata, its history, its diff IDs, and its engine ID in {@code id}. */
  static ObjectNode configJson(Image top, List<Image> chain, List<String> diffIds) {
    ObjectNode o = JSON.createObjectNode().put("id", top.id());
    metadata(o, top);
    ArrayNode history = o.putArray("history");
    for (Image layer : chain) {
      ObjectNode h = history.addObject().put("created", time(layer.created()));
      List<String> cmd = layer.containerConfig().cmd();
      h.put("created_by", cmd == null ? "" : String.join(" ", cmd));
      if (!layer.comment().isEmpty()) {
        h.put("comment", layer.comment());
      }
    }
    ObjectNode rootfs = o.putObject("rootfs").put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(ids::add);
    return o;
  }

  private static void metadata(ObjectNode o, Image image) {
    o.put("architecture", image.architecture().isEmpty() || image.architecture().equals("x86_64") ? "amd64"
        : image.architecture());
    if (!image.author().isEmpty()) {
      o.put("author", image.author());
    }
    if (!image.comment().isEmpty()) {
      o.put("comment", image.comment());
    }
    o.set("config", config(image.config()));
    if (!image.container().isEmpty()) {
      o.put("container", image.container());
    }
    o.set("container_config", config(image.containerConfig()));
    o.put("created", time(image.created()));
    if (!image.dockerVersion().isEmpty()) {
      o.put("docker_version", image.dockerVersion());
    }
    o.put("os", "linux");
  }

  private static String time(OffsetDateTime t) {
    return t.format(RFC3339);
  }

  /** A run config in the daemon's image JSON keys; only what is set. */
  static ObjectNode config(Config config) {
    Config c = config == null ? Config.empty() : config;
    ObjectNode o = JSON.createObjectNode();
    if (!c.hostname().isEmpty()) {
      o.put("Hostname", c.hostname());
    }
    if (!c.user().isEmpty()) {
      o.put("User", c.user());
    }
    if (c.portSpecs() != null && !c.portSpecs().isEmpty()) {
      ObjectNode ports = o.putObject("ExposedPorts");
      for (String spec : c.portSpecs()) {
        String port = spec.contains(":") ? spec.substring(spec.lastIndexOf(':') + 1) : spec;
        ports.putObject(port.contains("/") ? port : port + "/tcp");
      }
    }
    strings(o, "Env", c.env());
    strings(o, "Cmd", c.cmd());
    if (!c.image().isEmpty()) {
      o.put("Image", c.image());
    }
    if (c.volumes() != null && !c.volumes().isEmpty()) {
      ObjectNode volumes = o.putObject("Volumes");
      c.volumes().forEach(volumes::putObject);
    }
    if (!c.workingDir().isEmpty()) {
      o.put("WorkingDir", c.workingDir());
    }
    strings(o, "Entrypoint", c.entrypoint());
    if (c.labels() != null && !c.labels().isEmpty()) {
      ObjectNode labels = o.putObject("Labels");
      new TreeMap<>(c.labels()).forEach(labels::put);
    }
    return o;
  }

  private static void strings(ObjectNode o, String key, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode a = o.putArray(key);
      values.forEach(a::add);
    }
  }

  /** The one-layer image a config describes, with the engine's ID and parent for it. */
  static Image image(JsonNode config, String id, String parent, OffsetDateTime created) {
    return new Image(id, parent, text(config, "comment"), created, text(config, "container"),
        readConfig(config.get("container_config")), text(config, "docker_version"), text(config, "author"),
        readConfig(config.get("config")), text(config, "architecture"), 0);
  }

  /** The reverse of {@link #config(Config)}; a missing or null node is an empty config. */
  static Config readConfig(JsonNode o) {
    Config.Builder b = Config.empty().toBuilder();
    if (o == null || !o.isObject()) {
      return b.build();
    }
    b.hostname(text(o, "Hostname")).user(text(o, "User")).image(text(o, "Image"))
        .workingDir(text(o, "WorkingDir"));
    if (o.path("ExposedPorts").isObject()) {
      List<String> ports = new ArrayList<>();
      o.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
      b.portSpecs(ports);
    }
    b.env(stringList(o.get("Env"))).cmd(stringList(o.get("Cmd"))).entrypoint(stringList(o.get("Entrypoint")));
    if (o.path("Volumes").isObject()) {
      List<String> volumes = new ArrayList<>();
      o.get("Volumes").fieldNames().forEachRemaining(volumes::add);
      b.volumes(volumes);
    }
    if (o.path("Labels").isObject()) {
      Map<String, String> labels = new LinkedHashMap<>();
      o.get("Labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      b.labels(labels);
    }
    return b.build();
  }

  static String text(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? "" : n.asText();
  }

  private static List<String> stringList(JsonNode n) {
    if (n == null || !n.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }
}
