package io.mockdocker.internal.rcli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ConfigJson;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.registry.Config;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code docker inspect} printed before the Remote API: the v0.3 {@code Container} or {@code Image} struct in
 * JSON (no {@code CpuShares} yet, {@code Id}/{@code IpAddress}/{@code IpPrefixLen} spelled the old way), indented by
 * Go's {@code json.Indent} with four spaces.
 */
final class RcliJson {
  private RcliJson() {}

  static ObjectNode container(Container c) {
    ObjectNode o = GoJson.object();
    o.put("Id", c.id());
    o.put("Created", GoJson.time(c.created()));
    o.put("Path", c.path());
    ArrayNode args = o.putArray("Args");
    c.args().forEach(args::add);
    o.set("Config", config(c.config()));
    ObjectNode state = o.putObject("State");
    state.put("Running", c.state().running());
    state.put("Pid", c.state().pid());
    state.put("ExitCode", c.state().exitCode());
    state.put("StartedAt", c.state().startedAt() == null ? GoJson.ZERO_TIME : GoJson.time(c.state().startedAt()));
    state.put("Ghost", c.state().ghost());
    o.put("Image", c.image());
    ObjectNode net = o.putObject("NetworkSettings");
    net.put("IpAddress", c.networkSettings().ipAddress());
    net.put("IpPrefixLen", c.networkSettings().ipPrefixLen());
    net.put("Gateway", c.networkSettings().gateway());
    net.put("Bridge", c.networkSettings().bridge());
    net.set("PortMapping", stringMap(c.networkSettings().portMapping()));
    o.put("SysInitPath", c.sysInitPath());
    o.put("ResolvConfPath", c.resolvConfPath());
    o.set("Volumes", stringMap(c.volumes()));
    return o;
  }

  /** The image's stored JSON: lowercase keys, empty strings and a nil config left out. */
  static ObjectNode image(Image image) {
    ObjectNode o = GoJson.object();
    o.put("id", image.id());
    putIfSet(o, "parent", image.parent());
    putIfSet(o, "comment", image.comment());
    o.put("created", GoJson.time(image.created()));
    putIfSet(o, "container", image.container());
    o.set("container_config", config(image.containerConfig()));
    putIfSet(o, "docker_version", image.dockerVersion());
    putIfSet(o, "author", image.author());
    if (image.config() != null) {
      o.set("config", config(image.config()));
    }
    return o;
  }

  private static void putIfSet(ObjectNode o, String key, String value) {
    if (!value.isEmpty()) {
      o.put(key, value);
    }
  }

  /** The v0.3 Config: the later one without {@code CpuShares}. */
  private static ObjectNode config(Config config) {
    ObjectNode o = ConfigJson.write(config);
    o.remove("CpuShares");
    return o;
  }

  private static JsonNode stringMap(Map<String, String> map) {
    if (map == null) {
      return GoJson.MAPPER.nullNode();
    }
    ObjectNode o = GoJson.object();
    new TreeMap<>(map).forEach(o::put);
    return o;
  }

  /**
   * The value as {@code json.Marshal} then {@code json.Indent(…, "", "    ")} wrote it: one member or element per line,
   * {@code "key": value}, empty objects and arrays kept as {@code {}} and {@code []}.
   */
  static String indented(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(sb, node, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, JsonNode node, int depth) {
    if (node.isObject() && node.size() > 0) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        newline(sb, depth + 1);
        sb.append(GoJson.string(GoJson.MAPPER.getNodeFactory().textNode(f.getKey()))).append(": ");
        write(sb, f.getValue(), depth + 1);
        if (fields.hasNext()) {
          sb.append(',');
        }
      }
      newline(sb, depth);
      sb.append('}');
    } else if (node.isArray() && node.size() > 0) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        newline(sb, depth + 1);
        write(sb, node.get(i), depth + 1);
        if (i + 1 < node.size()) {
          sb.append(',');
        }
      }
      newline(sb, depth);
      sb.append(']');
    } else {
      sb.append(GoJson.string(node));
    }
  }

  private static void newline(StringBuilder sb, int depth) {
    sb.append('\n');
    sb.append("    ".repeat(depth));
  }
}
