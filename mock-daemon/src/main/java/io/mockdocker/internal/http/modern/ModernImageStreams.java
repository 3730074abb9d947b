package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Manifest;
import io.mockdocker.internal.engine.NotInRegistry;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.engine.RefusedByEngine;
import io.mockdocker.internal.engine.TransferHook;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.DockerApi;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Modern pull ({@code POST /images/create?fromImage=}; {@code fromSrc} is the import of
 * {@link ModernImageArchiveEndpoints}) and push: JSON progress streams
 * written from the engine's structured events. Errors before the first line are JSON errors with a status,
 * after it an {@code errorDetail} line.
 */
final class ModernImageStreams {
  private final Engine engine;

  ModernImageStreams(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/images/create", this::pull),
        Route.of("POST", "/images/{name:.*}/push", this::push));
  }

  // ---------------------------------------------------------------- pull

  private void pull(Call<ModernVersion> call) {
    String from = call.param("fromImage");
    if (from.isEmpty() && !call.param("fromSrc").isEmpty()) {
      new ModernImageArchiveEndpoints(engine).importImage(call);
      return;
    }
    if (from.isEmpty()) {
      throw new ApiError(400, "fromImage or fromSrc is required");
    }
    ModernReference ref = ModernReference.parseWithDigest(from, call.param("tag"));
    JsonLines lines = new JsonLines(call.exchange(), "\r\n");
    try {
      pull(ref, lines);
    } catch (StreamFailed e) {
      // the error line is written
    }
    lines.finish();
  }

  /** Pulls into a stream that may have started already (build); before it started, failures are thrown. */
  void pull(ModernReference ref, JsonLines lines) {
    PullSink sink = new PullSink(lines, ref);
    try {
      if (ref.byDigest()) {
        engine.references().pullDigest(ref.repository(), ref.digest(), sink);
      } else {
        engine.references().pullReference(ref.repository(), ref.tag(), sink);
      }
    } catch (NotInRegistry e) {
      String message = e.tagMissing()
          ? "manifest for " + ref.familiar() + " not found: manifest unknown: manifest unknown"
          : "pull access denied for " + ref.repository()
              + ", repository does not exist or may require 'docker login'";
      if (!lines.started()) {
        throw new ApiError(404, message);
      }
      lines.error(message);
      throw new StreamFailed();
    } catch (DockerException e) {
      if (!lines.started()) {
        throw e;
      }
      // the era's pull wraps a layer's failure in its "checking next endpoint" error; today's daemon reports the cause
      lines.error(e.getCause() instanceof DockerException cause ? cause.getMessage() : e.getMessage());
      throw new StreamFailed();
    }
  }

  /** The pull (or push) failed after its stream started and the error line is written. */
  static final class StreamFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StreamFailed() {
      super(null, null, false, false);
    }
  }

  /** The request's transfer hook (faults at a progress fraction), as the era's writer finds it. */
  static TransferHook hookOf(HttpServerExchange exchange) {
    TransferHook hook = exchange.getAttachment(DockerApi.TRANSFER_HOOK);
    return hook == null ? TransferHook.NONE : hook;
  }

  /**
   * A sink that answers the engine's structured events with modern lines and drops the era's text; transfers see
   * the request's fault hook.
   */
  abstract static class LinesSink implements ProgressSink {
    final JsonLines lines;

    LinesSink(JsonLines lines) {
      this.lines = lines;
    }

    @Override
    public void status(String text) {}

    @Override
    public void progress(String action, String text) {}

    @Override
    public void endOfTransfer() {}

    @Override
    public TransferHook hook() {
      return hookOf(lines.exchange());
    }
  }

  /** The engine's pull events as the modern daemon's lines. */
  static final class PullSink extends LinesSink {
    private ModernReference ref;
    private final List<ObjectNode> announced = new ArrayList<>();
    private final Map<String, Long> totals = new HashMap<>();
    private final Map<String, Long> sent = new HashMap<>();

    PullSink(JsonLines lines, ModernReference ref) {
      super(lines);
      this.ref = ref;
    }

    @Override
    public void resolved(String repository, String tag, String imageId) {
      if (ref != null && ref.byDigest() || tag.startsWith("sha256:")) { // a pull by digest reports the digest
        ref = new ModernReference(repository, ModernReference.DEFAULT_TAG, tag);
      } else {
        ref = new ModernReference(repository, tag);
      }
      lines.write(GoJson.object().put("status", "Pulling from " + ref.path()).put("id", tag));
    }

    @Override
    public void layerExists(String layerId) {
      announced.add(ModernProgress.plain("Already exists", ModernImagesEndpoints.shortId(layerId)));
    }

    @Override
    public void layerStarted(String layerId) {
      announced.add(ModernProgress.plain("Pulling fs layer", ModernImagesEndpoints.shortId(layerId)));
    }

    private void flush() {
      announced.forEach(lines::write);
      announced.clear();
    }

    @Override
    public void layerProgress(String layerId, long current, long total) {
      flush();
      if (Long.valueOf(current).equals(sent.put(layerId, current))) {
        return; // the reader's last update repeats the cadence's when the cadence fired at the end
      }
      totals.put(layerId, total);
      lines.write(ModernProgress.update("Downloading", ModernImagesEndpoints.shortId(layerId), current, total));
    }

    @Override
    public void layerDownloaded(String layerId) {
      flush();
      String id = ModernImagesEndpoints.shortId(layerId);
      lines.write(ModernProgress.plain("Verifying Checksum", id));
      lines.write(ModernProgress.plain("Download complete", id));
    }

    @Override
    public void layerRegistered(String layerId) {
      String id = ModernImagesEndpoints.shortId(layerId);
      long total = totals.getOrDefault(layerId, 0L);
      lines.write(ModernProgress.update("Extracting", id, total, total));
      lines.write(ModernProgress.plain("Pull complete", id));
    }

    @Override
    public void finished(String imageId, Manifest manifest, boolean changed) {
      if (changed) {
        flush();
      }
      announced.clear();
      if (manifest != null) {
        lines.write(GoJson.object().put("status", "Digest: " + manifest.digest()));
      }
      lines.write(GoJson.object().put("status", (changed ? "Status: Downloaded newer image for "
          : "Status: Image is up to date for ") + ref.familiar()));
    }
  }

  // ---------------------------------------------------------------- push

  private void push(Call<ModernVersion> call) {
    ModernReference ref = ModernReference.parse(call.var("name"), call.param("tag"));
    AuthConfig auth = auth(call);
    JsonLines lines = new JsonLines(call.exchange(), "\r\n");
    lines.write(GoJson.object().put("status", "The push refers to repository [" + ref.qualified() + "]"));
    try {
      engine.references().pushTag(ref.repository(), ref.tag(), auth, new PushSink(lines, ref));
    } catch (RefusedByEngine e) {
      lines.error(switch (e.reason()) {
        case NO_LOCAL_TAG -> "An image does not exist locally with the tag: " + ref.repository();
        case ACCESS_DENIED -> "denied: requested access to the resource is denied";
        default -> e.getMessage();
      });
    } catch (DockerException e) {
      lines.error(e.getMessage());
    }
    lines.finish();
  }

  /** {@code X-Registry-Auth} (base64url JSON), else the body's JSON; anonymous when neither has a username. */
  static AuthConfig auth(Call<ModernVersion> call) {
    String header = call.exchange().getRequestHeaders().getFirst("X-Registry-Auth");
    byte[] json;
    if (header != null && !header.isBlank()) {
      try {
        json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_').replace("=", ""));
      } catch (IllegalArgumentException e) {
        return AuthConfig.EMPTY;
      }
    } else {
      json = call.body();
    }
    return authJson(json);
  }

  static AuthConfig authJson(byte[] json) {
    if (json.length == 0) {
      return AuthConfig.EMPTY;
    }
    try {
      JsonNode o = GoJson.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
      if (o == null || !o.isObject()) {
        return AuthConfig.EMPTY;
      }
      return new AuthConfig(text(o, "username"), text(o, "password"), text(o, "email"));
    } catch (IOException e) {
      return AuthConfig.EMPTY;
    }
  }

  private static String text(JsonNode o, String name) {
    JsonNode n = o.get(name);
    return n == null || n.isNull() ? "" : n.asText();
  }

  /** The engine's push events as the modern daemon's lines. */
  private static final class PushSink extends LinesSink {
    private final ModernReference ref;
    private final Map<String, Long> sent = new HashMap<>();

    PushSink(JsonLines lines, ModernReference ref) {
      super(lines);
      this.ref = ref;
    }

    @Override
    public void layerStarted(String layerId) {
      lines.write(ModernProgress.plain("Preparing", ModernImagesEndpoints.shortId(layerId)));
    }

    @Override
    public void layerProgress(String layerId, long current, long total) {
      if (Long.valueOf(current).equals(sent.put(layerId, current))) {
        return;
      }
      lines.write(ModernProgress.update("Pushing", ModernImagesEndpoints.shortId(layerId), current, total));
    }

    @Override
    public void layerPushed(String layerId, boolean alreadyThere) {
      lines.write(ModernProgress.plain(alreadyThere ? "Layer already exists" : "Pushed",
          ModernImagesEndpoints.shortId(layerId)));
    }

    @Override
    public void finished(String imageId, Manifest manifest, boolean changed) {
      lines.write(GoJson.object().put("status",
          ref.tag() + ": digest: " + manifest.digest() + " size: " + manifest.size()));
      ObjectNode aux = GoJson.object();
      aux.putObject("progressDetail");
      aux.putObject("aux").put("Tag", ref.tag()).put("Digest", manifest.digest()).put("Size", manifest.size());
      lines.write(aux);
    }
  }
}
