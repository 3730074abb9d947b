package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.Archives;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.PathStat;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * {@code HEAD}, {@code GET} and {@code PUT /containers/{name}/archive}: a path's stat in the
 * {@code X-Docker-Container-Path-Stat} header (base64 of its JSON), the path as a tar, a tar extracted into a
 * directory.
 */
final class ModernArchiveEndpoint {
  static final HttpString PATH_STAT = new HttpString("X-Docker-Container-Path-Stat");

  private final Engine engine;

  ModernArchiveEndpoint(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("HEAD", "/containers/{name:.*}/archive", this::head),
        Route.of("GET", "/containers/{name:.*}/archive", this::get),
        Route.of("PUT", "/containers/{name:.*}/archive", this::put));
  }

  private void head(Call<ModernVersion> call) {
    PathStat stat = engine.archives().stat(call.var("name"), path(call));
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(PATH_STAT, header(stat));
    ex.endExchange();
  }

  private void get(Call<ModernVersion> call) throws IOException {
    Archives.Reading reading = engine.archives().read(call.var("name"), path(call));
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(PATH_STAT, header(reading.stat()));
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-tar");
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    try (OutputStream out = ex.getOutputStream()) {
      reading.writeTo(out);
    }
  }

  private void put(Call<ModernVersion> call) {
    String name = call.var("name");
    String path = path(call);
    engine.archives().extract(name, path, call.flag("noOverwriteDirNonDir"), call.flag("copyUIDGID"),
        call.bodyStream());
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.endExchange();
  }

  /** The {@code path} parameter; the daemon's own (unspaced) text when it is missing. */
  private static String path(Call<ModernVersion> call) {
    String path = call.param("path");
    if (path.isEmpty()) {
      throw new ApiError(400, "bad parameter: pathcannot be empty");
    }
    return path;
  }

  /** The header's value: base64 of the stat's JSON as Go marshalled {@code container.PathStat}. */
  static String header(PathStat stat) {
    String json = GoJson.MODERN.string(GoJson.object()
        .put("name", stat.name())
        .put("size", stat.size())
        .put("mode", stat.mode())
        .put("mtime", GoJson.time(stat.mtime().atOffset(ZoneOffset.UTC)))
        .put("linkTarget", stat.linkTarget()));
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
