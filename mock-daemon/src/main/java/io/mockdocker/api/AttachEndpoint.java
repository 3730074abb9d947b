package io.mockdocker.api;

import io.mockdocker.engine.AttachOptions;
import io.mockdocker.engine.DockerException;
import io.mockdocker.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /containers/(id)/attach}: the checks answer normally (400, 404), then the connection is hijacked and
 * carries raw, unframed bytes, as in API 1.0–1.2. A failure after the head is written as {@code Error: …\n}.
 */
final class AttachEndpoint {
  private final Engine engine;
  private final ExecutorService threads;

  AttachEndpoint(Engine engine, ExecutorService threads) {
    this.engine = engine;
    this.threads = threads;
  }

  List<Route> routes() {
    return List.of(Route.of("POST", "/containers/{name:.*}/attach", this::attach));
  }

  private void attach(Call call) {
    AttachOptions options = new AttachOptions(call.bool("logs"), call.bool("stream"), call.bool("stdin"),
        call.bool("stdout"), call.bool("stderr"));
    String name = call.var("name");
    engine.containers().require(name);
    Hijack.start(call.exchange(), Hijack.headFor(call.exchange()), threads, (in, out) -> {
      try {
        engine.containers().attach(name, options, in, out);
      } catch (DockerException e) {
        out.write(("Error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    });
  }
}
