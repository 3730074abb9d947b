package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerPorts;
import io.mockdocker.internal.engine.PortBinding;
import io.mockdocker.internal.engine.PortConfig;
import io.mockdocker.internal.engine.PublishedPort;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Ports in the modern API: {@code Config.ExposedPorts}, {@code HostConfig.PortBindings} and {@code PublishAllPorts}
 * read from a create body, and written back in inspect ({@code NetworkSettings.Ports}) and the list ({@code Ports}).
 */
final class ModernPorts {
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern HOST_PORT = Pattern.compile("[0-9]{1,5}(-[0-9]{1,5})?");

  private ModernPorts() {}

  /** The port configuration of a create body. */
  static PortConfig read(ObjectNode body) {
    Set<String> exposed = new LinkedHashSet<>();
    JsonNode e = ModernBodies.field(body, "ExposedPorts");
    if (e != null && e.isObject()) {
      e.fieldNames().forEachRemaining(port -> exposed.add(checked(port)));
    }
    JsonNode host = ModernBodies.field(body, "HostConfig");
    Map<String, List<PortBinding>> bindings = new LinkedHashMap<>();
    JsonNode b = ModernBodies.field(host, "PortBindings");
    if (b != null && b.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        checked(entry.getKey());
        List<PortBinding> list = new ArrayList<>();
        if (entry.getValue().isArray()) {
          entry.getValue().forEach(one -> list.add(new PortBinding(ModernBodies.string(one, "HostIp"),
              hostPort(ModernBodies.string(one, "HostPort")))));
        }
        bindings.put(entry.getKey(), list);
      }
    }
    return new PortConfig(exposed, bindings, ModernBodies.bool(host, "PublishAllPorts"));
  }

  /** A container port key, {@code 80}, {@code 80/tcp}: a number with an optional protocol, as the daemon checks. */
  private static String checked(String key) {
    int slash = key.indexOf('/');
    String port = slash < 0 ? key : key.substring(0, slash);
    if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
      throw new ApiError(400, "invalid port specification: \"" + port + "\"");
    }
    return key;
  }

  /** A host port: empty, a number or a range {@code 8000-8010}. */
  private static String hostPort(String value) {
    if (!value.isEmpty() && !HOST_PORT.matcher(value).matches()) {
      throw new ApiError(400, "invalid port specification: \"" + value + "\"");
    }
    return value;
  }

  /** {@code Config.ExposedPorts}, or {@code null} when there are none (the daemon omits the key). */
  static ObjectNode exposed(Container c) {
    if (c.ports() == null || c.ports().config().exposed().isEmpty()) {
      return null;
    }
    ObjectNode o = GoJson.object();
    new TreeSet<>(c.ports().config().exposed()).forEach(o::putObject);
    return o;
  }

  /** {@code HostConfig.PortBindings} as sent. */
  static ObjectNode bindings(Container c) {
    ObjectNode o = GoJson.object();
    if (c.ports() != null) {
      new TreeMap<>(c.ports().config().bindings()).forEach((port, list) -> {
        ArrayNode a = o.putArray(port);
        list.forEach(b -> a.addObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort()));
      });
    }
    return o;
  }

  static boolean publishAll(Container c) {
    return c.ports() != null && c.ports().config().publishAll();
  }

  /** {@code NetworkSettings.Ports} while it runs: every port, its published addresses or {@code null}. */
  static ObjectNode networkPorts(Container c) {
    ObjectNode o = GoJson.object();
    if (!c.state().running()) {
      return o;
    }
    forEachPort(c.ports(), (port, published) -> {
      if (published.isEmpty()) {
        o.putNull(port);
      } else {
        ArrayNode a = o.putArray(port);
        published.forEach(p -> a.addObject().put("HostIp", p.hostIp()).put("HostPort", Integer.toString(p.hostPort())));
      }
    });
    return o;
  }

  /** The list's {@code Ports}: one row per published address, a row without host side for an unpublished port. */
  static ArrayNode summary(Container c) {
    ArrayNode a = GoJson.array();
    if (!c.state().running()) {
      return a;
    }
    forEachPort(c.ports(), (port, published) -> {
      int slash = port.indexOf('/');
      int priv = Integer.parseInt(port.substring(0, slash));
      String type = port.substring(slash + 1);
      if (published.isEmpty()) {
        a.addObject().put("PrivatePort", priv).put("Type", type);
      }
      published.forEach(p -> a.addObject().put("IP", p.hostIp()).put("PrivatePort", priv)
          .put("PublicPort", p.hostPort()).put("Type", type));
    });
    return a;
  }

  private static void forEachPort(ContainerPorts ports,
      java.util.function.BiConsumer<String, List<PublishedPort>> each) {
    Map<String, List<PublishedPort>> all = new TreeMap<>();
    ports.config().exposed().forEach(p -> all.put(p, new ArrayList<>()));
    ports.config().bindings().keySet().forEach(p -> all.put(p, new ArrayList<>()));
    ports.published().forEach(p -> all.computeIfAbsent(p.port(), k -> new ArrayList<>()).add(p));
    all.forEach(each);
  }
}
