package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ConfigInstructions;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.InvalidInstruction;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HistoryEntry;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.engine.RefusedByEngine;
import io.mockdocker.internal.engine.Removal;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoDecoder;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The modern image endpoints that answer with one JSON value: list, inspect, history, tag, delete, search, and
 * commit.
 */
final class ModernImagesEndpoints {
  private final Engine engine;

  ModernImagesEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/images/json", this::list),
        Route.of("GET", "/images/search", this::search),
        Route.of("GET", "/images/{name:.*}/json", this::inspect),
        Route.of("GET", "/images/{name:.*}/history", this::history),
        Route.of("POST", "/images/{name:.*}/tag", this::tag),
        Route.of("DELETE", "/images/{name:.*}", this::delete),
        Route.of("POST", "/commit", this::commit));
  }

  // ---------------------------------------------------------------- list

  private void list(Call<ModernVersion> call) {
    ModernVersion v = call.version();
    ModernFilters filters = ModernFilters.parse(call.param("filters"), ModernFilters.IMAGES);
    Boolean dangling = null;
    if (filters.mentions("dangling")) {
      dangling = filters.get("dangling").stream().anyMatch(s -> s.equalsIgnoreCase("true") || s.equals("1"));
    }
    List<Pattern> references = new ArrayList<>();
    for (String r : filters.get("reference")) {
      references.add(ModernFilters.glob(r));
    }
    boolean all = call.flag("all");
    Map<String, List<String>> names = engine.namesById();
    Set<String> parents = new HashSet<>();
    List<Image> images = engine.allImages();
    images.forEach(i -> parents.add(i.parent()));
    images.sort(Comparator.comparing(Image::created).reversed().thenComparing(Image::id));
    ArrayNode out = GoJson.array();
    for (Image image : images) {
      List<String> tags = names.getOrDefault(image.id(), List.of());
      List<String> digests = engine.references().repoDigests(image.id());
      boolean danglingImage = tags.isEmpty() && !parents.contains(image.id());
      if (tags.isEmpty() && !all && !danglingImage) {
        continue;
      }
      // an image known only by digest is listed whether dangling images are asked for or not
      if (dangling != null && dangling != danglingImage && (dangling || digests.isEmpty())) {
        continue;
      }
      if (!references.isEmpty()) {
        List<String> matched = new ArrayList<>();
        for (String t : tags) {
          String repo = t.substring(0, t.lastIndexOf(':'));
          if (references.stream().anyMatch(p -> p.matcher(t).matches() || p.matcher(repo).matches())) {
            matched.add(t);
          }
        }
        if (matched.isEmpty()) {
          continue;
        }
        tags = matched;
      }
      ObjectNode o = out.addObject();
      o.put("Containers", -1);
      o.put("Created", image.created().toEpochSecond());
      o.put("Id", ModernImageJson.id(image.id()));
      o.set("Labels", ModernImageJson.labels(image.config()));
      o.put("ParentId", image.parent().isEmpty() ? "" : ModernImageJson.id(image.parent()));
      ArrayNode repoDigests = o.putArray("RepoDigests");
      ArrayNode repoTags = o.putArray("RepoTags");
      if (v.untaggedNone() && tags.isEmpty() && digests.isEmpty()) {
        repoDigests.add("<none>@<none>");
        repoTags.add("<none>:<none>");
      }
      digests.forEach(repoDigests::add);
      tags.forEach(repoTags::add);
      o.put("SharedSize", -1);
      o.put("Size", image.size());
      if (v.virtualSize()) {
        o.put("VirtualSize", image.size());
      }
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  // ---------------------------------------------------------------- inspect, history

  private void inspect(Call<ModernVersion> call) {
    ModernVersion v = call.version();
    Image image = ModernReference.require(engine, call.var("name"));
    ObjectNode o = GoJson.object();
    o.put("Id", ModernImageJson.id(image.id()));
    ArrayNode tags = o.putArray("RepoTags");
    engine.namesById().getOrDefault(image.id(), List.of()).forEach(tags::add);
    ArrayNode digests = o.putArray("RepoDigests");
    engine.references().repoDigests(image.id()).forEach(digests::add);
    o.put("Parent", image.parent().isEmpty() ? "" : ModernImageJson.id(image.parent()));
    o.put("Comment", image.comment());
    o.put("Created", GoJson.time(image.created()));
    if (v.imageContainerFields()) {
      if (!image.container().isEmpty()) {
        o.put("Container", image.container());
      }
      o.set("ContainerConfig", ModernImageJson.containerConfig(image.containerConfig()));
    }
    o.put("DockerVersion", image.dockerVersion());
    o.put("Author", image.author());
    o.set("Config", v.legacyImageConfig() ? ModernImageJson.containerConfig(image.config())
        : ModernImageJson.imageConfig(image.config()));
    o.put("Architecture", ModernImageJson.architecture(image));
    o.put("Os", "linux");
    o.put("Size", image.size());
    if (v.virtualSize()) {
      o.put("VirtualSize", image.size());
    }
    ObjectNode driver = o.putObject("GraphDriver");
    driver.putNull("Data");
    driver.put("Name", "overlay2");
    ObjectNode rootFs = o.putObject("RootFS");
    rootFs.put("Type", "layers");
    ArrayNode layers = rootFs.putArray("Layers");
    List<HistoryEntry> history = engine.history(image.id());
    for (int i = history.size() - 1; i >= 0; i--) {
      layers.add(ModernImageJson.id(history.get(i).image().id()));
    }
    o.putObject("Metadata").put("LastTagTime", GoJson.ZERO_TIME);
    ModernResponses.json(call.exchange(), 200, o);
  }

  private void history(Call<ModernVersion> call) {
    Image image = ModernReference.require(engine, call.var("name"));
    ArrayNode out = GoJson.array();
    boolean top = true;
    for (HistoryEntry entry : engine.history(image.id())) {
      Image layer = entry.image();
      ObjectNode o = out.addObject();
      o.put("Comment", layer.comment());
      o.put("Created", layer.created().toEpochSecond());
      List<String> cmd = layer.containerConfig().cmd();
      o.put("CreatedBy", cmd == null ? "" : String.join(" ", cmd));
      o.put("Id", top || !entry.tags().isEmpty() ? ModernImageJson.id(layer.id()) : "<missing>");
      o.put("Size", layer.size());
      o.set("Tags", ModernImageJson.nullOr(entry.tags()));
      top = false;
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  // ---------------------------------------------------------------- tag, delete

  private void tag(Call<ModernVersion> call) {
    Image image = ModernReference.require(engine, call.var("name"));
    String repo = call.param("repo");
    if (repo.isEmpty()) {
      throw new ApiError(400, "repository name must have at least one component");
    }
    if (repo.contains("@") && ModernReference.parseWithDigest(repo, "").byDigest()) {
      throw new ApiError(500, "cannot import digest reference");
    }
    ModernReference target = ModernReference.parse(repo, call.param("tag"));
    engine.references().setTag(image.id(), target.repository(), target.tag());
    ModernResponses.empty(call.exchange(), 201);
  }

  private void delete(Call<ModernVersion> call) {
    String name = call.var("name");
    boolean force = call.flag("force");
    boolean prune = !call.flag("noprune");
    List<Removal> removals;
    try {
      boolean byId = name.startsWith("sha256:")
          || name.matches("[0-9a-f]{1,64}") && engine.references().imageById(name).isPresent();
      if (byId) {
        Image image = ModernReference.require(engine, name);
        removals = engine.references().removeImage(null, "", image, force, prune);
      } else {
        ModernReference ref = ModernReference.parseWithDigest(name, "");
        Image image = (ref.byDigest() ? engine.references().byDigest(ref.repository(), ref.digest())
            : engine.references().tagged(ref.repository(), ref.tag()))
            .orElseThrow(() -> new ApiError(404, "No such image: " + ref.familiar()));
        removals = ref.byDigest()
            ? engine.references().removeDigest(ref.repository(), ref.digest(), image, force, prune)
            : engine.references().removeImage(ref.repository(), ref.tag(), image, force, prune);
      }
    } catch (RefusedByEngine e) {
      throw new ApiError(409, conflict(name, e));
    }
    ArrayNode out = GoJson.array();
    for (Removal r : removals) {
      if (r.deleted()) {
        out.addObject().put("Deleted", ModernImageJson.id(r.value()));
      } else {
        out.addObject().put("Untagged", r.value());
      }
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  private static String conflict(String name, RefusedByEngine e) {
    List<String> s = e.subjects();
    return switch (e.reason()) {
      case IN_USE -> s.get(0).isEmpty()
          ? "conflict: unable to delete " + shortId(s.get(2)) + " ("
              + (Boolean.parseBoolean(s.get(3)) ? "cannot be forced) - image is being used by running container "
                  : "must be forced) - image is being used by stopped container ") + shortId(s.get(1))
          : "conflict: unable to remove repository reference \"" + name + "\" (must force) - container "
              + shortId(s.get(1)) + " is using its referenced image " + shortId(s.get(2));
      case MULTIPLE_REPOSITORIES -> "conflict: unable to delete " + shortId(s.get(0))
          + " (must be forced) - image is referenced in multiple repositories";
      case HAS_CHILDREN -> "conflict: unable to delete " + shortId(s.get(0))
          + " (cannot be forced) - image has dependent child images";
      default -> e.getMessage();
    };
  }

  static String shortId(String id) {
    return id.length() <= 12 ? id : id.substring(0, 12);
  }

  // ---------------------------------------------------------------- search, commit

  private void search(Call<ModernVersion> call) {
    String term = call.param("term");
    int limit = 25;
    if (!call.param("limit").isEmpty()) {
      try {
        limit = Integer.parseInt(call.param("limit"));
      } catch (NumberFormatException e) {
        throw new ApiError(400, "invalid limit: " + call.param("limit"));
      }
    }
    ModernFilters filters = ModernFilters.parse(call.param("filters"), ModernFilters.IMAGES);
    ArrayNode out = GoJson.array();
    for (Registry.SearchResult r : engine.search(term)) {
      if (out.size() >= limit) {
        break;
      }
      if (ModernReference.hasHost(r.name())) {
        continue; // search asks the default registry; repositories pushed to a registry host are not there
      }
      boolean official = !r.name().contains("/");
      if (filters.mentions("is-official")
          && filters.get("is-official").stream().anyMatch(x -> Boolean.parseBoolean(x) != official)) {
        continue;
      }
      out.addObject()
          .put("star_count", 0)
          .put("is_official", official)
          .put("name", r.name())
          .put("is_automated", false)
          .put("description", r.description());
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  private void commit(Call<ModernVersion> call) {
    String container = call.param("container");
    Container c;
    try {
      c = engine.containers().inspect(container);
    } catch (DockerException e) {
      throw new ApiError(404, "No such container: " + container);
    }
    ModernReference target = call.param("repo").isEmpty() ? null
        : ModernReference.parse(call.param("repo"), call.param("tag"));
    String comment = call.param("comment").isEmpty() ? call.param("m") : call.param("comment");
    Config config = merged(c.config(), call.body());
    try {
      config = ConfigInstructions.applyChanges(config, call.params("changes"));
    } catch (InvalidInstruction e) {
      throw new ApiError(400, e.getMessage());
    }
    Image image = engine.containers().commit(c.id(), "", "", comment, call.param("author"), config);
    if (target != null) {
      engine.references().setTag(image.id(), target.repository(), target.tag());
    }
    ModernResponses.json(call.exchange(), 201, GoJson.object().put("Id", ModernImageJson.id(image.id())));
  }

  /** The container's config with the body's {@code Cmd}, {@code Env}, {@code User} when given (nulls are absent). */
  private static Config merged(Config base, byte[] body) {
    Config.Builder b = base.toBuilder();
    if (body.length == 0) {
      return base;
    }
    JsonNode o;
    try {
      o = GoDecoder.value(body);
    } catch (DockerException e) {
      throw new ApiError(400, "invalid JSON: " + e.getMessage());
    }
    if (o == null || !o.isObject()) {
      return base;
    }
    List<String> cmd = stringList(o.get("Cmd"));
    if (cmd != null) {
      b.cmd(cmd);
    }
    List<String> env = stringList(o.get("Env"));
    if (env != null) {
      b.env(env);
    }
    if (o.hasNonNull("User")) {
      b.user(o.get("User").asText());
    }
    return b.build();
  }

  private static List<String> stringList(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }
}
