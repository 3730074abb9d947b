package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.AuthConfig;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.EraFeatures;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The daemon-wide endpoints: version, info, auth, and the {@code /_ping} that modern clients need. */
final class SystemEndpoints {
  private final Engine engine;
  private final EraFeatures release;

  SystemEndpoints(Engine engine, EraFeatures release) {
    this.engine = engine;
    this.release = release;
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
    boolean memory = engine.capabilities().contains(Capability.MEMORY_LIMIT);
    boolean swap = engine.capabilities().contains(Capability.SWAP_LIMIT);
    byte[] body = VERSIONS.computeIfAbsent(List.of(release, memory, swap), k -> versionJson(memory, swap));
    Responses.send(call.exchange(), 200, Responses.JSON, body);
  }

  /** The version answers written so far, by release row and limits: they never change, so every daemon shares them. */
  private static final Map<List<Object>, byte[]> VERSIONS = new ConcurrentHashMap<>();

  private byte[] versionJson(boolean memory, boolean swap) {
    ObjectNode o = GoJson.object().put("Version", release.release()).put("GitCommit", release.gitCommit());
    switch (release.versionJson()) {
      case WITH_GO_VERSION -> o.put("GoVersion", release.goVersion());
      case WITH_LIMITS -> o.put("MemoryLimit", memory).put("SwapLimit", swap);
    }
    return GoJson.bytes(o);
  }

  private void info(Call<ApiVersion> call) {
    ObjectNode o = GoJson.object();
    String debug = System.getenv("DEBUG");
    boolean debugging = debug != null && !debug.isEmpty();
    if (release.infoJson() == EraFeatures.InfoJson.WITH_VERSION) {
      // the first key set: the counters are only taken in debug mode, and there are no limits
      o.put("Containers", engine.containerCount());
      o.put("Version", release.release());
      o.put("Images", engine.imageCount());
      o.put("Debug", debugging);
      o.put("GoVersion", release.goVersion());
      if (debugging) {
        putCounters(o);
      }
      Responses.json(call.exchange(), o);
      return;
    }
    o.put("Debug", debugging);
    o.put("Containers", engine.containerCount());
    o.put("Images", engine.imageCount());
    putCounters(o);
    if (engine.capabilities().contains(Capability.MEMORY_LIMIT)) {
      o.put("MemoryLimit", true);
    }
    if (engine.capabilities().contains(Capability.SWAP_LIMIT)) {
      o.put("SwapLimit", true);
    }
    Responses.json(call.exchange(), o);
  }

  /** {@code NFd} and {@code NGoroutines}, each left out when 0. */
  private static void putCounters(ObjectNode o) {
    int fds = openFileDescriptors();
    if (fds != 0) {
      o.put("NFd", fds);
    }
    int threads = Thread.activeCount();
    if (threads != 0) {
      o.put("NGoroutines", threads);
    }
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
    call.exchange().getResponseHeaders().put(new HttpString("Api-Version"), release.newestApi());
    Responses.send(call.exchange(), 200, Responses.TEXT_PLAIN, "OK".getBytes(StandardCharsets.UTF_8));
  }
}
