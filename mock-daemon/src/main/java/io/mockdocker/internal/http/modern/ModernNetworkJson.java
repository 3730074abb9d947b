package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Network;
import io.mockdocker.internal.engine.NetworkEndpoint;
import io.mockdocker.internal.engine.Networks;
import io.mockdocker.internal.http.GoJson;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Networks as the modern API prints them, and a container's {@code NetworkSettings.Networks}. */
final class ModernNetworkJson {
  private static final Map<String, String> BRIDGE_OPTIONS = new TreeMap<>(Map.of(
      "com.docker.network.bridge.default_bridge", "true",
      "com.docker.network.bridge.enable_icc", "true",
      "com.docker.network.bridge.enable_ip_masquerade", "true",
      "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
      "com.docker.network.bridge.name", "docker0",
      "com.docker.network.driver.mtu", "1500"));

  private ModernNetworkJson() {}

  /**
   * One {@code network.Inspect}; {@code Containers} filled only when {@code detailed} (inspect), from the network's
   * endpoints or, for the bridge, from its running containers ({@code bridged}).
   */
  static ObjectNode network(Network n, boolean detailed, List<Container> bridged) {
    ObjectNode o = GoJson.object();
    o.put("Name", n.name());
    o.put("Id", n.id());
    o.put("Created", ModernTimes.utc(n.created()));
    o.put("Scope", "local");
    o.put("Driver", n.driver());
    o.put("EnableIPv4", true);
    o.put("EnableIPv6", n.enableIpv6());
    ObjectNode ipam = o.putObject("IPAM");
    ipam.put("Driver", "default");
    if (n.predefined()) {
      ipam.putNull("Options");
    } else {
      ipam.putObject("Options");
    }
    if (n.subnet().isEmpty()) {
      ipam.putNull("Config");
    } else {
      ipam.putArray("Config").addObject().put("Subnet", n.subnet()).put("Gateway", n.gateway());
    }
    o.put("Internal", n.internal());
    o.put("Attachable", n.attachable());
    o.put("Ingress", false);
    o.putObject("ConfigFrom").put("Network", "");
    o.put("ConfigOnly", false);
    ObjectNode containers = o.putObject("Containers");
    if (detailed) {
      String prefix = n.subnet().isEmpty() ? "" : n.subnet().substring(n.subnet().indexOf('/'));
      for (NetworkEndpoint e : n.endpoints()) {
        containers.set(e.containerId(), resource(e.containerName(), e.endpointId(), e.macAddress(),
            e.ipAddress() + prefix));
      }
      if (n.name().equals(Networks.BRIDGE)) {
        for (Container c : bridged) {
          var s = c.networkSettings();
          containers.set(c.id(), resource(c.name(), c.id(), ModernContainerJson.bridgeMac(c),
              s.ipAddress() + "/" + s.ipPrefixLen()));
        }
      }
    }
    ObjectNode options = o.putObject("Options");
    (n.name().equals(Networks.BRIDGE) && n.predefined() ? BRIDGE_OPTIONS : new TreeMap<>(n.options()))
        .forEach(options::put);
    ObjectNode labels = o.putObject("Labels");
    new TreeMap<>(n.labels()).forEach(labels::put);
    return o;
  }

  private static ObjectNode resource(String name, String endpointId, String mac, String ipv4) {
    return GoJson.object().put("Name", name).put("EndpointID", endpointId).put("MacAddress", mac)
        .put("IPv4Address", ipv4).put("IPv6Address", "");
  }

  /**
   * Rewrites a container's {@code NetworkSettings} (inspect or list) for its networks: the bridge entry stays only
   * for a container in bridge mode; {@code host} and {@code none} get theirs; each created network the container
   * joined (or asked for and has not joined yet) gets its endpoint. Keys sorted, as Go prints a map.
   */
  static void containerNetworks(ObjectNode settings, Container c, Networks networks) {
    containerNetworks(settings, c, joined(c, networks));
  }

  /**
   * What {@link #containerNetworks} shows of the networks for one container, read once: the ID of the {@code host}
   * or {@code none} network its mode names ({@code ""} otherwise), the networks it asked for (with the name and ID
   * of each that exists) and its endpoints. A value, so it can be a {@link io.mockdocker.internal.http.ReadCache}'s
   * input.
   */
  record Joined(String modeNetworkId, List<Asked> asked, List<NetworkEndpoint> endpoints) {}

  /** A network the container asked for: its name as shown and its ID ({@code ""} for one that does not exist). */
  record Asked(Networks.Wanted wanted, String name, String id) {}

  static Joined joined(Container c, Networks networks) {
    String mode = c.hostConfig().networkMode();
    String modeId = mode.equals(Networks.HOST) || mode.equals(Networks.NONE) ? networks.inspect(mode).id() : "";
    List<Networks.Wanted> wanted = networks.wantedBy(c.id());
    List<Asked> asked = new java.util.ArrayList<>(wanted.size());
    for (Networks.Wanted w : wanted) {
      Network known = networks.exists(w.network()) ? networks.inspect(w.network()) : null;
      asked.add(new Asked(w, known != null ? known.name() : w.network(), known != null ? known.id() : ""));
    }
    return new Joined(modeId, List.copyOf(asked), networks.endpointsOf(c.id()));
  }

  static void containerNetworks(ObjectNode settings, Container c, Joined joined) {
    String mode = c.hostConfig().networkMode();
    ObjectNode old = (ObjectNode) settings.get("Networks");
    TreeMap<String, JsonNode> entries = new TreeMap<>();
    if (mode.equals(Networks.BRIDGE)) {
      entries.put(Networks.BRIDGE, old.get(Networks.BRIDGE));
    } else {
      clearTopLevel(settings);
      if (mode.equals(Networks.HOST) || mode.equals(Networks.NONE)) {
        entries.put(mode, empty(joined.modeNetworkId(), List.of(), ""));
      }
    }
    for (Asked a : joined.asked()) {
      entries.put(a.name(), empty(a.id(), a.wanted().aliases(), a.wanted().ipv4Address()));
    }
    for (NetworkEndpoint e : joined.endpoints()) {
      entries.put(e.networkName(), endpoint(e));
    }
    ObjectNode out = GoJson.object();
    entries.forEach(out::set);
    settings.set("Networks", out);
  }

  private static void clearTopLevel(ObjectNode settings) {
    if (settings.has("IPAddress")) {
      settings.put("EndpointID", "");
      settings.put("Gateway", "");
      settings.put("IPAddress", "");
      settings.put("IPPrefixLen", 0);
      settings.put("MacAddress", "");
    }
  }

  private static ObjectNode empty(String networkId, List<String> aliases, String ip) {
    return settings(ip, aliases, "", networkId, "", "", "", 0, null);
  }

  private static ObjectNode endpoint(NetworkEndpoint e) {
    return settings(e.requestedIp(), e.aliases(), e.macAddress(), e.networkId(), e.endpointId(), e.gateway(),
        e.ipAddress(), e.prefixLen(), e.dnsNames());
  }

  private static ObjectNode settings(String requestedIp, List<String> aliases, String mac, String networkId,
      String endpointId, String gateway, String ip, int prefix, List<String> dnsNames) {
    ObjectNode o = GoJson.object();
    if (requestedIp.isEmpty()) {
      o.putNull("IPAMConfig");
    } else {
      o.putObject("IPAMConfig").put("IPv4Address", requestedIp);
    }
    o.putNull("Links");
    o.set("Aliases", strings(aliases.isEmpty() ? null : aliases));
    o.put("MacAddress", mac);
    o.putNull("DriverOpts");
    o.put("GwPriority", 0);
    o.put("NetworkID", networkId);
    o.put("EndpointID", endpointId);
    o.put("Gateway", gateway);
    o.put("IPAddress", ip);
    o.put("IPPrefixLen", prefix);
    o.put("IPv6Gateway", "");
    o.put("GlobalIPv6Address", "");
    o.put("GlobalIPv6PrefixLen", 0);
    o.set("DNSNames", strings(dnsNames));
    return o;
  }

  private static JsonNode strings(List<String> list) {
    if (list == null) {
      return GoJson.MAPPER.nullNode();
    }
    ArrayNode a = GoJson.array();
    list.forEach(a::add);
    return a;
  }
}
