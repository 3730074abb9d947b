package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Deletion;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HistoryEntry;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.engine.ImageListing;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.ConfigJson;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.internal.http.ModernNames;
import io.mockdocker.internal.http.ReadCache;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The non-streaming image endpoints: list, viz, inspect, history, tag, delete, search, getCache. */
final class ImagesEndpoints {
  private final Engine engine;
  private final EraFeatures release;
  /** The image lists last written, per selection ({@code all}, {@code filter}). */
  private final ReadCache cache = new ReadCache(16);
  /** Inspect documents last written, per image; each kept with the image record it was written from. */
  private final ReadCache inspects = new ReadCache(2048);

  ImagesEndpoints(Engine engine, EraFeatures release) {
    this.engine = engine;
    this.release = release;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(
        Route.of("GET", "/images/json", this::list).quick(),
        Route.of("GET", "/images/viz", this::viz),
        Route.of("GET", "/images/search", this::search),
        Route.of("GET", "/images/{name:.*}/history", this::history).quick(),
        Route.of("GET", "/images/{name:.*}/json", this::inspect).quick(),
        Route.of("POST", "/images/{name:.*}/tag", this::tag),
        Route.of("POST", "/images/getCache", this::getCache),
        Route.of("DELETE", "/images/{name:.*}", this::delete));
  }

  private void list(Call<ApiVersion> call) {
    boolean all = call.bool("all");
    String filter = call.param("filter");
    List<ImageListing> rows = filter != null && !filter.isEmpty() ? engine.images(filter)
        : all ? engine.imagesWithIntermediates() : engine.images();
    // the rows (records of the images and their names) are all the answer is written from; kept per selection
    byte[] answer = cache.get((filter != null && !filter.isEmpty() ? "filter=" + filter : "") + (all ? " all" : ""),
        rows, () -> {
          ArrayNode out = GoJson.array();
          for (ImageListing row : rows) {
            ObjectNode o = out.addObject();
            if (!row.repository().isEmpty()) {
              o.put("Repository", row.repository());
            }
            if (!row.tag().isEmpty()) {
              o.put("Tag", row.tag());
            }
            o.put("Id", row.image().id());
            o.put("Created", row.image().created().toEpochSecond());
            if (release.imageSizes()) {
              o.put("Size", row.image().size());
              o.put("VirtualSize", row.virtualSize());
            }
          }
          return GoJson.bytes(out);
        });
    Responses.send(call.exchange(), 200, Responses.JSON, answer);
  }

  private void viz(Call<ApiVersion> call) {
    List<Image> images = new ArrayList<>(engine.allImages());
    images.sort(Comparator.comparing(Image::id));
    StringBuilder dot = new StringBuilder();
    if (!images.isEmpty()) {
      dot.append("digraph docker {\n");
      for (Image image : images) {
        if (image.hasParent()) {
          dot.append(" \"").append(image.parent(), 0, Math.min(12, image.parent().length())).append("\" -> \"")
              .append(image.shortId()).append("\"\n");
        } else {
          dot.append(" base -> \"").append(image.shortId()).append("\" [style=invis]\n");
        }
      }
      for (Map.Entry<String, List<String>> e : labels().entrySet()) {
        String id = e.getKey();
        dot.append(" \"").append(id).append("\" [label=\"").append(id).append("\\n")
            .append(String.join("\\n", e.getValue()))
            .append("\",shape=box,fillcolor=\"paleturquoise\",style=\"filled,rounded\"];\n");
      }
      dot.append(" base [style=invisible]\n}\n");
    }
    Responses.send(call.exchange(), 200, Responses.TEXT_PLAIN, dot.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Short ID to its {@code repo:tag} names, in tag-store order (a dangling tag still gets a label, as in Go). */
  private Map<String, List<String>> labels() {
    Map<String, List<String>> labels = new java.util.TreeMap<>();
    engine.repositories().forEach((repo, tags) -> tags.forEach((tag, id) ->
        labels.computeIfAbsent(id.substring(0, Math.min(12, id.length())), k -> new ArrayList<>())
            .add(repo + ":" + tag)));
    return labels;
  }

  private void search(Call<ApiVersion> call) {
    List<Registry.SearchResult> results = engine.search(call.param("term"));
    if (results.isEmpty()) {
      Responses.json(call.exchange(), GoJson.MAPPER.nullNode());
      return;
    }
    ArrayNode out = GoJson.array();
    for (Registry.SearchResult r : results) {
      out.addObject().put("Name", r.name()).put("Description", r.description());
    }
    Responses.json(call.exchange(), out);
  }

  private void history(Call<ApiVersion> call) {
    ArrayNode out = GoJson.array();
    for (HistoryEntry entry : engine.history(call.var("name"))) {
      Image image = entry.image();
      ObjectNode o = out.addObject();
      o.put("Id", image.shortId());
      if (release.historyTags() && !entry.tags().isEmpty()) {
        ArrayNode tags = o.putArray("Tags");
        entry.tags().forEach(tags::add);
      }
      o.put("Created", image.created().toEpochSecond());
      List<String> cmd = image.containerConfig().cmd();
      String createdBy = cmd == null ? "" : String.join(" ", cmd);
      if (!createdBy.isEmpty() || release.historyCreatedBy() == EraFeatures.OmitEmpty.WRITTEN) {
        o.put("CreatedBy", createdBy);
      }
    }
    Responses.json(call.exchange(), out);
  }

  private void inspect(Call<ApiVersion> call) {
    Image image = engine.inspectImage(call.var("name"));
    Responses.send(call.exchange(), 200, Responses.JSON,
        inspects.get(image.id(), image, () -> GoJson.bytes(imageJson(image))));
  }

  /** The image's JSON as the daemon stored it, plus {@code "Size"}, with the keys the release knew. */
  private ObjectNode imageJson(Image image) {
    ObjectNode o = GoJson.object();
    o.put("id", image.id());
    if (image.hasParent()) {
      o.put("parent", image.parent());
    }
    if (!image.comment().isEmpty()) {
      o.put("comment", image.comment());
    }
    o.put("created", GoJson.time(image.created()));
    if (!image.container().isEmpty()) {
      o.put("container", image.container());
    }
    o.set("container_config", ConfigJson.write(image.containerConfig()));
    if (!image.dockerVersion().isEmpty()) {
      o.put("docker_version", image.dockerVersion());
    }
    if (!image.author().isEmpty()) {
      o.put("author", image.author());
    }
    if (image.config() != null) {
      o.set("config", ConfigJson.write(image.config()));
    }
    if (release.imageArchitecture() && !image.architecture().isEmpty()) {
      o.put("architecture", image.architecture());
    }
    if (release.imageJsonSize()) {
      o.put("Size", image.size());
    }
    return o;
  }

  private void tag(Call<ApiVersion> call) {
    String repo = ModernNames.repository(call.param("repo"));
    String tag = call.param("tag");
    call.bool("force"); // validated, then ignored, as in v0.4.4
    engine.tag(call.var("name"), repo, tag);
    Responses.status(call.exchange(), 201);
  }

  private void delete(Call<ApiVersion> call) {
    String name = call.var("name");
    switch (call.version().imageDelete()) {
      case LAYER_ONLY -> {
        try {
          engine.deleteLayer(name);
        } catch (DockerException e) {
          if (e.getMessage().startsWith("No such image")) {
            throw e;
          }
          throw new DockerException("Error deleting image " + name + ": " + e.getMessage(), e);
        }
        Responses.status(call.exchange(), 204);
      }
      case UNTAG_AND_PRUNE -> {
        ArrayNode out = GoJson.array();
        for (Deletion d : engine.untagAndPrune(name)) {
          out.addObject().put(d.kind() == Deletion.Kind.UNTAGGED ? "Untagged" : "Deleted", d.shortId());
        }
        Responses.json(call.exchange(), out);
      }
    }
  }

  private void getCache(Call<ApiVersion> call) {
    ObjectNode body = JsonBodies.object(call.body());
    String parent = JsonBodies.string(body, "Id", "string");
    Config config = ConfigJson.mentionsConfig(body) ? ConfigJson.read(body) : null;
    String child = config == null ? null : engine.cachedChild(parent, config).orElse(null);
    if (child == null) {
      Responses.status(call.exchange(), 404);
      return;
    }
    Responses.json(call.exchange(), GoJson.object().put("Id", child));
  }
}
