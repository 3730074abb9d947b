package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.ConfigInstructions;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.engine.ImageArchives;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.mockdocker.registry.Config;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images as files in the modern view: {@code GET /images/get} and {@code /images/{name}/get} (save),
 * {@code POST /images/load}, and the import half of {@code POST /images/create?fromSrc=}.
 */
final class ModernImageArchiveEndpoints {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

  private final Engine engine;

  ModernImageArchiveEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/images/get", this::saveMany),
        Route.of("GET", "/images/{name:.*}/get", this::saveOne),
        Route.of("POST", "/images/load", this::load));
  }

  // ---------------------------------------------------------------- save

  private void saveMany(Call<ModernVersion> call) throws IOException {
    save(call, call.params("names"));
  }

  private void saveOne(Call<ModernVersion> call) throws IOException {
    save(call, List.of(call.var("name")));
  }

  private void save(Call<ModernVersion> call, List<String> names) throws IOException {
    List<ImageArchives.SaveItem> items = new ArrayList<>();
    for (String name : names) {
      items.addAll(items(name));
    }
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-tar");
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    // written to memory first: a failure (an image deleted meanwhile) is still a JSON error, not a cut tar
    java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
    engine.imageArchives().save(items, tar);
    try (OutputStream out = ex.getOutputStream()) {
      tar.writeTo(out);
    }
  }

  /**
   * What one name saves, as the daemon reads names: an ID (or {@code sha256:} ID) without a name, a
   * {@code repository:tag} with that name, a repository alone with every tag it has.
   */
  private List<ImageArchives.SaveItem> items(String name) {
    if (name.startsWith("sha256:") || HEX.matcher(name).matches()) {
      Optional<Image> byId = ModernReference.resolve(engine, name);
      if (byId.isPresent() && (name.startsWith("sha256:") || byId.get().id().startsWith(name))) {
        return List.of(new ImageArchives.SaveItem(byId.get().id(), List.of()));
      }
    }
    String stripped = ModernReference.strip(name);
    int slash = stripped.lastIndexOf('/');
    boolean tagged = stripped.lastIndexOf(':') > slash;
    ModernReference ref = ModernReference.parse(name);
    if (tagged) {
      Image image = engine.references().tagged(ref.repository(), ref.tag())
          .orElseThrow(() -> new ApiError(404, "reference does not exist"));
      return List.of(new ImageArchives.SaveItem(image.id(), List.of(ref.familiar())));
    }
    Map<String, String> repository = engine.repositories().get(ref.repository());
    if (repository == null || repository.isEmpty()) {
      throw new ApiError(404, "No such image: " + stripped);
    }
    List<ImageArchives.SaveItem> items = new ArrayList<>();
    repository.forEach((tag, id) -> items.add(new ImageArchives.SaveItem(id, List.of(ref.repository() + ":" + tag))));
    return items;
  }

  // ---------------------------------------------------------------- load

  private void load(Call<ModernVersion> call) {
    boolean quiet = !call.exchange().getQueryParameters().containsKey("quiet") || truthy(call.param("quiet"));
    JsonLines lines = new JsonLines(call.exchange(), "\r\n");
    try (InputStream body = call.bodyStream()) {
      engine.imageArchives().load(body, new ImageArchives.LoadListener() {
        @Override
        public void layerLoaded(String diffId, long size) {
          if (!quiet) {
            String id = ModernImagesEndpoints.shortId(diffId.substring(diffId.indexOf(':') + 1));
            lines.write(ModernProgress.update("Loading layer", id, size, size));
          }
        }

        @Override
        public void line(String text) {
          lines.write(GoJson.object().put("stream", text + "\n"));
        }
      });
    } catch (DockerException e) {
      lines.error(e.getMessage());
    } catch (IOException e) {
      lines.error("unexpected EOF");
    }
    lines.finish();
  }

  /** {@code httputils.BoolValue}: anything but empty, {@code 0}, {@code no}, {@code false}, {@code none}. */
  private static boolean truthy(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
  }

  // ---------------------------------------------------------------- import

  /**
   * {@code POST /images/create?fromSrc=-|URL}: the body (or the URL's file) as the one layer of a new image, named
   * {@code repo:tag} when {@code repo} is given, with {@code message} (else {@code Imported from <src>}) and the
   * Dockerfile-style {@code changes}. The stream ends with the new ID as a status.
   */
  void importImage(Call<ModernVersion> call) {
    String src = call.param("fromSrc");
    String repo = call.param("repo");
    ModernReference target = repo.isEmpty() ? null : ModernReference.parse(repo, call.param("tag"));
    String comment = call.param("message").isEmpty() ? "Imported from " + src : call.param("message");
    Config config;
    try {
      config = ConfigInstructions.applyChanges(Config.empty(), call.params("changes"));
    } catch (DockerException e) {
      throw new ApiError(400, e.getMessage());
    }
    JsonLines lines = new JsonLines(call.exchange(), "\r\n");
    try {
      InputStream layer;
      if (src.equals("-")) {
        layer = call.bodyStream();
      } else {
        String url = src.contains("://") ? src : "http://" + src;
        byte[] bytes = engine.imageArchives().download(url);
        lines.write(GoJson.object().put("status", "Downloading from " + url));
        ObjectNode progress = ModernProgress.update("Importing", "", bytes.length, bytes.length);
        progress.remove("id"); // omitted when empty
        lines.write(progress);
        layer = new ByteArrayInputStream(bytes);
      }
      Image image = engine.imageArchives().importImage(layer, target == null ? null : target.repository(),
          target == null ? null : target.tag(), comment, config);
      lines.write(GoJson.object().put("status", ModernImageJson.id(image.id())));
    } catch (DockerException e) {
      if (!lines.started()) {
        throw e;
      }
      lines.error(e.getMessage());
    }
    lines.finish();
  }
}
