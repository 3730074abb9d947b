package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The daemon-wide endpoints: version, info, auth, and the {@code /_ping} that modern clients need. */
final class SystemEndpoints {
  private final Engine engine;

  SystemEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(
        Route.of("GET", "/version", this::version).quick(),
        Route.of("GET", "/info", this::info).quick(),
        Route.of("GET", "/auth", this::getAuth),
        Route.of("POST", "/auth", this::postAuth),
        Route.of("GET", "/_ping", this::ping).quick(),
        Route.of("HEAD", "/_ping", this::ping).quick());
  }

  private void version(Call<ApiVersion> call) {
    Responses.json(call.exchange(), GoJson.object()
        .put("Version", Engine.VERSION)
        .put("GitCommit", Engine.GIT_COMMIT)
        .put("GoVersion", Engine.GO_VERSION));
  }

  private void info(Call<ApiVersion> call) {
    ObjectNode o = GoJson.object();
    String debug = System.getenv("DEBUG");
    o.put("Debug", debug != null && !debug.isEmpty());
    o.put("Containers", engine.containerCount());
    o.put("Images", engine.imageCount());
    int fds = openFileDescriptors();
    if (fds != 0) {
      o.put("NFd", fds);
    }
    int threads = Thread.activeCount();
    if (threads != 0) {
      o.put("NGoroutines", threads);
    }
    if (engine.capabilities().contains(Capability.MEMORY_LIMIT)) {
      o.put("MemoryLimit", true);
    }
    if (engine.capabilities().contains(Capability.SWAP_LIMIT)) {
      o.put("SwapLimit", true);
    }
    Responses.json(call.exchange(), o);
  }

  /** The entry count of {@code /proc/self/fd}, or -1 when it cannot be read (the daemon's GetTotalUsedFds). */
  private static int openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private void getAuth(Call<ApiVersion> call) {
    switch (call.version().authGet()) {
      case NOT_FOUND -> Responses.status(call.exchange(), 404);
      case SERVED -> {
        AuthConfig stored = engine.storedAuth();
        Responses.json(call.exchange(), GoJson.object()
            .put("username", stored.username())
            .put("password", "")
            .put("email", stored.email()));
      }
    }
  }

  private void postAuth(Call<ApiVersion> call) {
    AuthConfig auth = AuthJson.read(JsonBodies.object(call.body()));
    String status = switch (call.version().authLogin()) {
      case CHECK_ONLY -> engine.login(auth);
      case LOGIN_AND_STORE -> engine.loginAndStore(auth);
    };
    if (status.isEmpty()) {
      Responses.status(call.exchange(), 204);
      return;
    }
    Responses.json(call.exchange(), GoJson.object().put("Status", status));
  }

  private void ping(Call<ApiVersion> call) {
    call.exchange().getResponseHeaders().put(new HttpString("Api-Version"), "1.2");
    Responses.send(call.exchange(), 200, Responses.TEXT_PLAIN, "OK".getBytes(StandardCharsets.UTF_8));
  }
}
