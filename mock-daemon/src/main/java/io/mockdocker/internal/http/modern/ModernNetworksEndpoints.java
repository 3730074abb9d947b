package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HostConfig;
import io.mockdocker.internal.engine.Network;
import io.mockdocker.internal.engine.NetworkCreate;
import io.mockdocker.internal.engine.Networks;
import io.mockdocker.internal.engine.Prunes;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The network endpoints: list, inspect, create, connect, disconnect, remove, prune. */
final class ModernNetworksEndpoints {
  private static final Set<String> LIST_KEYS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

  private final Engine engine;

  ModernNetworksEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/networks", this::list),
        Route.of("POST", "/networks/create", this::create),
        Route.of("POST", "/networks/prune", this::prune),
        Route.of("POST", "/networks/{id:.*}/connect", this::connect),
        Route.of("POST", "/networks/{id:.*}/disconnect", this::disconnect),
        Route.of("GET", "/networks/{id:.*}", this::inspect),
        Route.of("DELETE", "/networks/{id:.*}", this::remove));
  }

  private void list(Call<ModernVersion> call) {
    ModernFilters filters = ModernFilters.parse(call.param("filters"));
    for (String key : filters.keys()) {
      if (!LIST_KEYS.contains(key)) {
        throw new ApiError(400, "invalid filter '" + key + "'");
      }
    }
    List<String> dangling = filters.get("dangling");
    if (dangling.size() > 1) {
      throw new ApiError(400, "got more than one value for filter key \"dangling\"");
    }
    Boolean danglingOnly = null;
    if (dangling.size() == 1) {
      danglingOnly = switch (dangling.get(0)) {
        case "1", "true" -> true;
        case "0", "false" -> false;
        default -> throw new ApiError(400,
            "invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
      };
    }
    for (String type : filters.get("type")) {
      if (!type.equals("custom") && !type.equals("builtin")) {
        throw new ApiError(500, "invalid filter: 'type'='" + type + "'");
      }
    }
    List<Container> bridged = bridged();
    ArrayNode out = GoJson.array();
    for (Network n : engine.networks().list()) {
      boolean used = n.predefined() || !n.endpoints().isEmpty();
      if (!filters.any("driver", n.driver()::equals) || !filters.any("name", v -> match(v, n.name()))
          || !filters.any("id", v -> match(v, n.id())) || !filters.labels(n.labels())
          || !filters.any("scope", "local"::equals)
          || !filters.any("type", t -> t.equals("builtin") == n.predefined())
          || danglingOnly != null && danglingOnly == used) {
        continue;
      }
      out.add(ModernNetworkJson.network(n, call.version().detailedNetworkList(), bridged));
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  /** The daemon's filter Match: the same text, or a regular expression found in it. */
  private static boolean match(String filter, String value) {
    if (filter.equals(value)) {
      return true;
    }
    try {
      return Pattern.compile(filter).matcher(value).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** The running containers on the default bridge. */
  private List<Container> bridged() {
    List<Container> out = new ArrayList<>();
    for (ContainerListing row : engine.containers().listAll()) {
      Container c = row.container();
      if (c.state().running() && c.hostConfig().networkMode().equals(Networks.BRIDGE)
          && !c.networkSettings().ipAddress().isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  private void inspect(Call<ModernVersion> call) {
    Network n = engine.networks().inspect(call.var("id"));
    ModernResponses.json(call.exchange(), 200, ModernNetworkJson.network(n, true, bridged()));
  }

  private void create(Call<ModernVersion> call) {
    ObjectNode body = ModernBodies.object(call.body());
    String name = ModernBodies.string(body, "Name");
    if (name.isEmpty()) {
      throw new ApiError(400, "invalid name: name is empty");
    }
    List<String[]> pools = new ArrayList<>();
    JsonNode config = ModernBodies.field(ModernBodies.field(body, "IPAM"), "Config");
    if (config != null && config.isArray()) {
      config.forEach(p -> pools.add(new String[] {ModernBodies.string(p, "Subnet"),
          ModernBodies.string(p, "Gateway")}));
    }
    Network n = engine.networks().create(new NetworkCreate(name, ModernBodies.string(body, "Driver"),
        ModernBodies.bool(body, "Internal"), ModernBodies.bool(body, "Attachable"),
        ModernBodies.bool(body, "EnableIPv6"), ModernBodies.stringMap(body, "Labels"),
        ModernBodies.stringMap(body, "Options"), pools));
    ModernResponses.json(call.exchange(), 201, GoJson.object().put("Id", n.id()).put("Warning", ""));
  }

  private void connect(Call<ModernVersion> call) {
    ObjectNode body = ModernBodies.object(call.body());
    JsonNode endpoint = ModernBodies.field(body, "EndpointConfig");
    List<String> aliases = ModernBodies.strings(endpoint, "Aliases");
    String ip = ModernBodies.string(ModernBodies.field(endpoint, "IPAMConfig"), "IPv4Address");
    engine.networks().connect(call.var("id"), ModernBodies.string(body, "Container"),
        aliases == null ? List.of() : aliases, ip);
    ModernResponses.empty(call.exchange(), 200);
  }

  private void disconnect(Call<ModernVersion> call) {
    ObjectNode body = ModernBodies.object(call.body());
    engine.networks().disconnect(call.var("id"), ModernBodies.string(body, "Container"));
    ModernResponses.empty(call.exchange(), 200);
  }

  private void remove(Call<ModernVersion> call) {
    engine.networks().remove(call.var("id"));
    ModernResponses.empty(call.exchange(), 204);
  }

  private void prune(Call<ModernVersion> call) {
    ModernPruneFilters filters = ModernPruneFilters.parse(call, ModernPruneFilters.COMMON_KEYS,
        engine.clock().now());
    List<String> gone = ModernPruneEndpoints.exclusively(engine, Prunes.Gate.CONTAINERS_AND_NETWORKS,
        () -> engine.networks().prune(n -> filters.accepts(n.created().toInstant(), n.labels())));
    ObjectNode out = GoJson.object();
    if (gone.isEmpty()) {
      out.putNull("NetworksDeleted");
    } else {
      ArrayNode names = out.putArray("NetworksDeleted");
      gone.forEach(names::add);
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  /**
   * At container create: the created networks the container asks for, by its network mode and its
   * {@code NetworkingConfig.EndpointsConfig}, joined when it starts.
   */
  static List<Networks.Wanted> wanted(ObjectNode body, HostConfig host, ModernVersion version) {
    List<Networks.Wanted> out = new ArrayList<>();
    JsonNode configs = ModernBodies.field(ModernBodies.field(body, "NetworkingConfig"), "EndpointsConfig");
    if (configs != null && configs.size() > 1 && !version.multipleEndpointsAtCreate()) {
      List<String> keys = new ArrayList<>();
      configs.fieldNames().forEachRemaining(keys::add);
      throw new ApiError(400, "Container cannot be created with multiple network endpoints: "
          + String.join(", ", keys));
    }
    String mode = host.networkMode();
    boolean custom = !Set.of(Networks.BRIDGE, Networks.HOST, Networks.NONE).contains(mode)
        && !mode.startsWith("container:");
    if (custom) {
      JsonNode e = configs == null ? null : configs.get(mode);
      out.add(wanted(mode, e));
    }
    if (configs != null) {
      configs.fields().forEachRemaining(f -> {
        String key = f.getKey();
        if (!key.equals(mode) && !Set.of(Networks.BRIDGE, Networks.HOST, Networks.NONE, "default").contains(key)) {
          out.add(wanted(key, f.getValue()));
        }
      });
    }
    return out;
  }

  private static Networks.Wanted wanted(String network, JsonNode e) {
    List<String> aliases = ModernBodies.strings(e, "Aliases");
    return new Networks.Wanted(network, aliases,
        ModernBodies.string(ModernBodies.field(e, "IPAMConfig"), "IPv4Address"));
  }
}
