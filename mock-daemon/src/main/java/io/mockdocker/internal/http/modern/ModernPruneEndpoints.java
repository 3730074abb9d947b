package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Prunes;
import io.mockdocker.internal.engine.Removal;
import io.mockdocker.internal.engine.Volume;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Container, image and build cache prunes, and {@code GET /system/df}. Prune filters are {@link ModernPruneFilters},
 * with {@code dangling} for images.
 */
final class ModernPruneEndpoints {
  private static final Set<String> CONTAINER_KEYS = ModernPruneFilters.COMMON_KEYS;
  private static final Set<String> IMAGE_KEYS = Set.of("dangling", "label", "label!", "until");
  private static final Set<String> BUILD_KEYS = Set.of("until", "id", "parent", "type", "description", "inuse",
      "shared", "private", "label", "label!");
  private static final List<String> DF_TYPES = List.of("container", "image", "volume", "build-cache");

  private final Engine engine;

  ModernPruneEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/containers/prune", this::pruneContainers),
        Route.of("POST", "/images/prune", this::pruneImages),
        Route.of("POST", "/build/prune", this::pruneBuildCache),
        Route.of("GET", "/system/df", this::diskUsage));
  }

  // ---------------------------------------------------------------- prunes

  /**
   * {@code work} done while it holds {@code gate}, which it gives back before the answer is written (as the daemon's
   * prune returned before its router wrote); while another prune of that gate runs the daemon refuses with 409.
   */
  static <T> T exclusively(Engine engine, Prunes.Gate gate, Supplier<T> work) {
    if (!engine.prunes().enter(gate)) {
      throw new ApiError(409, "a prune operation is already running");
    }
    try {
      return work.get();
    } finally {
      engine.prunes().leave(gate);
    }
  }

  private void pruneContainers(Call<ModernVersion> call) {
    ModernPruneFilters filters = ModernPruneFilters.parse(call, CONTAINER_KEYS, engine.clock().now());
    Prunes.ContainersPruned pruned = exclusively(engine, Prunes.Gate.CONTAINERS_AND_NETWORKS,
        () -> engine.prunes().containers(c -> filters.accepts(c.created().toInstant(), c.config().labels())));
    ObjectNode out = GoJson.object();
    if (pruned.ids().isEmpty()) {
      out.putNull("ContainersDeleted");
    } else {
      ArrayNode ids = out.putArray("ContainersDeleted");
      pruned.ids().forEach(ids::add);
    }
    out.put("SpaceReclaimed", pruned.reclaimed());
    ModernResponses.json(call.exchange(), 200, out);
  }

  private void pruneImages(Call<ModernVersion> call) {
    ModernPruneFilters filters = ModernPruneFilters.parse(call, IMAGE_KEYS, engine.clock().now());
    boolean danglingOnly = danglingOnly(filters.filters().get("dangling"), filters.filters().mentions("dangling"));
    Prunes.ImagesPruned pruned = exclusively(engine, Prunes.Gate.IMAGES, () -> engine.prunes().images(danglingOnly,
        i -> filters.accepts(i.created().toInstant(), i.config() == null ? null : i.config().labels())));
    ObjectNode out = GoJson.object();
    if (pruned.removals().isEmpty()) {
      out.putNull("ImagesDeleted");
    } else {
      ArrayNode removals = out.putArray("ImagesDeleted");
      for (Removal r : pruned.removals()) {
        if (r.deleted()) {
          removals.addObject().put("Deleted", ModernImageJson.id(r.value()));
        } else {
          removals.addObject().put("Untagged", r.value());
        }
      }
    }
    out.put("SpaceReclaimed", pruned.reclaimed());
    ModernResponses.json(call.exchange(), 200, out);
  }

  /** {@code GetBoolOrDefault("dangling", true)}: one of 0/false or 1/true, not both. */
  private static boolean danglingOnly(List<String> values, boolean mentioned) {
    if (!mentioned) {
      return true;
    }
    boolean isFalse = values.contains("0") || values.contains("false");
    boolean isTrue = values.contains("1") || values.contains("true");
    if (values.isEmpty()) {
      throw new ApiError(400, "invalid filter 'dangling'");
    }
    if (isFalse == isTrue) {
      throw new ApiError(400, "invalid filter 'dangling=" + values.toString().replace(",", "") + "'");
    }
    return isTrue;
  }

  /** The build cache: none is modelled, so nothing is deleted and nothing reclaimed. */
  private void pruneBuildCache(Call<ModernVersion> call) {
    ModernPruneFilters.parse(call, BUILD_KEYS, engine.clock().now());
    long reclaimed = engine.prunes().buildCache();
    ObjectNode out = GoJson.object();
    out.putNull("CachesDeleted");
    out.put("SpaceReclaimed", reclaimed);
    ModernResponses.json(call.exchange(), 200, out);
  }

  // ---------------------------------------------------------------- disk usage

  private void diskUsage(Call<ModernVersion> call) {
    List<String> types = call.params("type");
    boolean everything = types.isEmpty() || !call.version().diskUsageType();
    for (String type : everything ? List.<String>of() : types) {
      if (!DF_TYPES.contains(type)) {
        throw new ApiError(400, "unknown object type: " + type);
      }
    }
    ObjectNode out = GoJson.object();
    boolean images = everything || types.contains("image");
    out.put("LayersSize", images ? engine.prunes().layersSize() : 0);
    if (images) {
      ArrayNode list = out.putArray("Images");
      Map<String, List<String>> names = engine.namesById();
      for (Prunes.ImageUsage usage : engine.prunes().imageUsage()) {
        list.add(image(usage, names.getOrDefault(usage.image().id(), List.of()), call.version()));
      }
    } else {
      out.putNull("Images");
    }
    if (everything || types.contains("container")) {
      ArrayNode list = out.putArray("Containers");
      Instant now = engine.clock().now();
      for (ContainerListing row : engine.containers().listAll()) {
        Container c = row.container();
        ObjectNode summary = ModernContainerJson.summary(c, new long[] {row.sizeRw(), row.sizeRootFs()}, now);
        ModernNetworkJson.containerNetworks((ObjectNode) summary.get("NetworkSettings"), c, engine.networks());
        list.add(summary);
      }
    } else {
      out.putNull("Containers");
    }
    if (everything || types.contains("volume")) {
      ArrayNode list = out.putArray("Volumes");
      for (Volume v : engine.volumes().list()) {
        ObjectNode o = ModernVolumesEndpoints.json(v);
        o.putObject("UsageData").put("RefCount", v.usedBy().size()).put("Size", engine.volumes().usage(v.name()));
        list.add(o);
      }
    } else {
      out.putNull("Volumes");
    }
    if (everything || types.contains("build-cache")) {
      out.putArray("BuildCache");
    } else {
      out.putNull("BuildCache");
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  /** One image as the image list with shared sizes and container counts shows it. */
  private ObjectNode image(Prunes.ImageUsage usage, List<String> tags, ModernVersion v) {
    List<String> repoDigests = engine.references().repoDigests(usage.image().id());
    ObjectNode o = GoJson.object();
    o.put("Containers", usage.containers());
    o.put("Created", usage.image().created().toEpochSecond());
    o.put("Id", ModernImageJson.id(usage.image().id()));
    o.set("Labels", ModernImageJson.labels(usage.image().config()));
    o.put("ParentId", usage.image().parent().isEmpty() ? "" : ModernImageJson.id(usage.image().parent()));
    ArrayNode digests = o.putArray("RepoDigests");
    ArrayNode repoTags = o.putArray("RepoTags");
    if (v.untaggedNone() && tags.isEmpty() && repoDigests.isEmpty()) {
      digests.add("<none>@<none>");
      repoTags.add("<none>:<none>");
    }
    repoDigests.forEach(digests::add);
    tags.forEach(repoTags::add);
    o.put("SharedSize", usage.sharedSize());
    o.put("Size", usage.size());
    if (v.virtualSize()) {
      o.put("VirtualSize", usage.size());
    }
    return o;
  }
}
