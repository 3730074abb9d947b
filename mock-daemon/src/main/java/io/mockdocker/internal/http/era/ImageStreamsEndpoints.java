package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.internal.http.ModernNames;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import java.util.List;

/**
 * The streaming image endpoints: pull and import ({@code /images/create}), insert and push. Their output is a JSON
 * stream from API 1.1 on and raw text in 1.0; an error before the first message is a plain error response, after it
 * a message inside the stream with status 200.
 */
final class ImageStreamsEndpoints {
  private final Engine engine;
  private final EraFeatures release;

  ImageStreamsEndpoints(Engine engine, EraFeatures release) {
    this.engine = engine;
    this.release = release;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(
        Route.of("POST", "/images/create", this::create),
        Route.of("POST", "/images/{name:.*}/insert", this::insert),
        Route.of("POST", "/images/{name:.*}/push", this::push));
  }

  private void create(Call<ApiVersion> call) {
    String src = call.param("fromSrc");
    String image = ModernNames.repository(call.param("fromImage"));
    String tag = call.param("tag");
    String repo = call.param("repo");
    boolean pull = !image.isEmpty();
    StreamWriter stream = new StreamWriter(call.exchange(), call.version(), !pull, release);
    try {
      if (pull) {
        engine.pull(image, tag, call.param("registry"), stream);
      } else {
        engine.importImage(src, call.bodyStream(), repo, tag, stream);
      }
    } catch (DockerException e) {
      if (!stream.used()) {
        throw e;
      }
      stream.error(e.getMessage());
    }
    stream.finish();
  }

  private void insert(Call<ApiVersion> call) {
    String url = call.param("url");
    String path = call.param("path");
    StreamWriter stream = new StreamWriter(call.exchange(), call.version(), false, release);
    String id = "";
    try {
      id = engine.insert(call.var("name"), url, path, stream);
    } catch (DockerException e) {
      if (stream.used()) {
        stream.error(e.getMessage());
        stream.finish();
        return;
      }
      if (!release.rawStream().insertTrailer()) {
        throw e; // 0.3.3 answered it as any failure
      }
      // v0.4.4 swallowed an error from before the stream started and answered {"Id":""}
    }
    if (!release.rawStream().insertTrailer()) {
      stream.finish(); // 0.3.3 ended with the ID line
      return;
    }
    ObjectNode trailer = GoJson.object().put("Id", id);
    if (stream.used()) {
      stream.appendJson(GoJson.string(trailer));
      stream.finish();
    } else {
      Responses.json(call.exchange(), trailer);
    }
  }

  private void push(Call<ApiVersion> call) {
    AuthConfig auth = switch (call.version().pushCredentials()) {
      case REQUEST_BODY -> AuthJson.read(JsonBodies.object(call.body()));
      case STORED -> engine.storedAuth();
    };
    String registry = call.param("registry");
    StreamWriter stream = new StreamWriter(call.exchange(), call.version(), false, release);
    try {
      engine.push(call.var("name"), registry, auth, stream);
    } catch (DockerException e) {
      if (!stream.used()) {
        throw e;
      }
      stream.error(e.getMessage());
    }
    stream.finish();
  }
}
