package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Volume;
import io.mockdocker.internal.engine.Prunes;
import io.mockdocker.internal.engine.Volumes;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The volume endpoints: list, create, inspect, remove, prune. */
final class ModernVolumesEndpoints {
  private static final Set<String> LIST_KEYS = Set.of("dangling", "driver", "label", "name");
  private static final Set<String> PRUNE_KEYS = Set.of("all", "label", "label!");

  private final Engine engine;

  ModernVolumesEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/volumes", this::list),
        Route.of("POST", "/volumes/create", this::create),
        Route.of("POST", "/volumes/prune", this::prune),
        Route.of("GET", "/volumes/{name:.*}", this::inspect),
        Route.of("DELETE", "/volumes/{name:.*}", this::remove));
  }

  private void list(Call<ModernVersion> call) {
    ModernFilters filters = ModernFilters.parse(call.param("filters"));
    known(filters, LIST_KEYS);
    List<String> dangling = filters.get("dangling");
    Boolean danglingOnly = null;
    if (!dangling.isEmpty()) {
      danglingOnly = switch (dangling.get(0)) {
        case "1", "true" -> true;
        case "0", "false" -> false;
        default -> throw new ApiError(400, "invalid filter 'dangling=" + dangling.get(0) + "'");
      };
    }
    ArrayNode volumes = GoJson.array();
    for (Volume v : engine.volumes().list()) {
      if (!filters.any("name", f -> match(f, v.name())) || !filters.any("driver", f -> match(f, v.driver()))
          || !filters.labels(v.labels()) || danglingOnly != null && danglingOnly != v.usedBy().isEmpty()) {
        continue;
      }
      volumes.add(json(v));
    }
    ObjectNode out = GoJson.object();
    out.set("Volumes", volumes);
    out.putNull("Warnings");
    ModernResponses.json(call.exchange(), 200, out);
  }

  private void create(Call<ModernVersion> call) {
    ObjectNode body = ModernBodies.object(call.body());
    Volume v = engine.volumes().create(ModernBodies.string(body, "Name"), ModernBodies.string(body, "Driver"),
        ModernBodies.stringMap(body, "Labels"), ModernBodies.stringMap(body, "DriverOpts"));
    ModernResponses.json(call.exchange(), 201, json(v));
  }

  private void inspect(Call<ModernVersion> call) {
    ModernResponses.json(call.exchange(), 200, json(engine.volumes().inspect(call.var("name"))));
  }

  private void remove(Call<ModernVersion> call) {
    String force = call.param("force");
    engine.volumes().remove(call.var("name"), "1".equals(force) || "true".equalsIgnoreCase(force));
    ModernResponses.empty(call.exchange(), 204);
  }

  private void prune(Call<ModernVersion> call) {
    ModernFilters filters = ModernFilters.parse(call.param("filters"));
    known(filters, PRUNE_KEYS);
    List<String> all = filters.get("all");
    boolean everything = !call.version().pruneAnonymousVolumes();
    if (all.size() > 1) {
      throw new ApiError(400, "invalid filter 'all=" + all + "': only one value is expected");
    }
    if (all.size() == 1) {
      everything |= switch (all.get(0)) {
        case "1", "t", "T", "true", "TRUE", "True" -> true;
        case "0", "f", "F", "false", "FALSE", "False" -> false;
        default -> throw new ApiError(400, "invalid filter 'all': strconv.ParseBool: parsing \"" + all.get(0)
            + "\": invalid syntax");
      };
    }
    boolean unusedToo = everything;
    Volumes.Pruned pruned = ModernPruneEndpoints.exclusively(engine, Prunes.Gate.VOLUMES, () -> engine.volumes()
        .prune(unusedToo, v -> filters.labels(v.labels()) && filters.notLabels(v.labels())));
    ObjectNode out = GoJson.object();
    ArrayNode names = out.putArray("VolumesDeleted");
    pruned.names().forEach(names::add);
    out.put("SpaceReclaimed", pruned.reclaimed());
    ModernResponses.json(call.exchange(), 200, out);
  }

  /** A volume as the daemon answered it. */
  static ObjectNode json(Volume v) {
    ObjectNode o = GoJson.object();
    o.put("CreatedAt", v.created().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    o.put("Driver", v.driver());
    map(o, "Labels", v.labels());
    o.put("Mountpoint", v.mountpoint());
    o.put("Name", v.name());
    map(o, "Options", v.options());
    o.put("Scope", "local");
    return o;
  }

  private static void map(ObjectNode o, String key, Map<String, String> values) {
    if (values.isEmpty()) {
      o.putNull(key);
    } else {
      ObjectNode m = o.putObject(key);
      values.forEach(m::put);
    }
  }

  private static void known(ModernFilters filters, Set<String> keys) {
    for (String key : filters.keys()) {
      if (!keys.contains(key)) {
        throw new ApiError(400, "invalid filter '" + key + "'");
      }
    }
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
}
