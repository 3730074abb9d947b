package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.registry.Config;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The era's {@code Config} struct in JSON: Go field names, struct order, {@code null} for nil slices and maps. */
public final class ConfigJson {
  private static final String[] FIELDS = {"Hostname", "User", "Memory", "MemorySwap", "CpuShares", "AttachStdin",
      "AttachStdout", "AttachStderr", "PortSpecs", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Dns", "Image",
      "Volumes", "VolumesFrom"};

  private ConfigJson() {}

  public static ObjectNode write(Config c) {
    ObjectNode o = GoJson.object();
    o.put("Hostname", c.hostname());
    o.put("User", c.user());
    o.put("Memory", c.memory());
    o.put("MemorySwap", c.memorySwap());
    o.put("CpuShares", c.cpuShares());
    o.put("AttachStdin", c.attachStdin());
    o.put("AttachStdout", c.attachStdout());
    o.put("AttachStderr", c.attachStderr());
    o.set("PortSpecs", strings(c.portSpecs()));
    o.put("Tty", c.tty());
    o.put("OpenStdin", c.openStdin());
    o.put("StdinOnce", c.stdinOnce());
    o.set("Env", strings(c.env()));
    o.set("Cmd", strings(c.cmd()));
    o.set("Dns", strings(c.dns()));
    o.put("Image", c.image());
    if (c.volumes() == null) {
      o.putNull("Volumes");
    } else {
      ObjectNode volumes = o.putObject("Volumes");
      c.volumes().forEach(v -> volumes.putObject(v));
    }
    o.put("VolumesFrom", c.volumesFrom());
    return o;
  }

  /** Whether the object sets any Config field (an embedded {@code *Config} stays nil otherwise). */
  public static boolean mentionsConfig(ObjectNode o) {
    for (String f : FIELDS) {
      if (JsonBodies.has(o, f)) {
        return true;
      }
    }
    return false;
  }

  /** Reads a Config the way the daemon decoded one (case-insensitive keys, Go type errors). */
  public static Config read(ObjectNode o) {
    return Config.builder()
        .hostname(JsonBodies.string(o, "Hostname", "string"))
        .user(JsonBodies.string(o, "User", "string"))
        .memory(JsonBodies.int64(o, "Memory"))
        .memorySwap(JsonBodies.int64(o, "MemorySwap"))
        .cpuShares(JsonBodies.int64(o, "CpuShares"))
        .attachStdin(JsonBodies.bool(o, "AttachStdin"))
        .attachStdout(JsonBodies.bool(o, "AttachStdout"))
        .attachStderr(JsonBodies.bool(o, "AttachStderr"))
        .portSpecs(stringList(o, "PortSpecs"))
        .tty(JsonBodies.bool(o, "Tty"))
        .openStdin(JsonBodies.bool(o, "OpenStdin"))
        .stdinOnce(JsonBodies.bool(o, "StdinOnce"))
        .env(stringList(o, "Env"))
        .cmd(stringList(o, "Cmd"))
        .dns(stringList(o, "Dns"))
        .image(JsonBodies.string(o, "Image", "string"))
        .volumes(volumes(o))
        .volumesFrom(JsonBodies.string(o, "VolumesFrom", "string"))
        .build();
  }

  private static JsonNode strings(List<String> list) {
    if (list == null) {
      return GoJson.MAPPER.nullNode();
    }
    ArrayNode a = GoJson.array();
    list.forEach(a::add);
    return a;
  }

  private static List<String> stringList(ObjectNode o, String name) {
    JsonNode v = JsonBodies.field(o, name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw JsonBodies.mismatch(v, "[]string");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode item : v) {
      if (item.isNull()) {
        list.add("");
      } else if (!item.isTextual()) {
        throw JsonBodies.mismatch(item, "string");
      } else {
        list.add(item.textValue());
      }
    }
    return list;
  }

  private static List<String> volumes(ObjectNode o) {
    JsonNode v = JsonBodies.field(o, "Volumes");
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw JsonBodies.mismatch(v, "map[string]struct {}");
    }
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }
}
