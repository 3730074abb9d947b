package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.RefusedByEngine;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoDecoder;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.List;

/**
 * {@code POST /auth}: checks the account against the fake registry (one set of accounts for every registry host);
 * never registers anyone, as the modern daemon's login only checked.
 */
final class ModernAuthEndpoint {
  private final Engine engine;

  ModernAuthEndpoint(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("POST", "/auth", this::auth));
  }

  private void auth(Call<ModernVersion> call) {
    byte[] body = call.body();
    AuthConfig auth = ModernImageStreams.authJson(body);
    String server = "";
    try {
      com.fasterxml.jackson.databind.JsonNode o = body.length == 0 ? null : GoDecoder.value(body);
      if (o != null && o.hasNonNull("serveraddress")) {
        server = o.get("serveraddress").asText();
      }
    } catch (io.mockdocker.internal.engine.DockerException e) {
      throw new ApiError(400, "invalid JSON: " + e.getMessage());
    }
    try {
      engine.references().checkCredentials(auth);
    } catch (RefusedByEngine e) {
      throw new ApiError(401, "Get \"https://" + registryHost(server) + "/v2/\": unauthorized: incorrect username or "
          + "password");
    }
    ModernResponses.json(call.exchange(), 200,
        GoJson.object().put("Status", "Login Succeeded").put("IdentityToken", ""));
  }

  /** The host of a server address ({@code https://index.docker.io/v1/} is the default registry). */
  static String registryHost(String server) {
    String s = server.replaceFirst("^https?://", "");
    int slash = s.indexOf('/');
    s = slash < 0 ? s : s.substring(0, slash);
    return s.isEmpty() || s.equals("index.docker.io") || s.equals("docker.io") ? "registry-1.docker.io" : s;
  }
}
