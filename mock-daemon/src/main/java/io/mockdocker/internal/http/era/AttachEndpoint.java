package io.mockdocker.internal.http.era;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.Hijack;
import io.mockdocker.internal.http.Route;
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
  private final EraFeatures release;

  AttachEndpoint(Engine engine, ExecutorService threads, EraFeatures release) {
    this.engine = engine;
    this.threads = threads;
    this.release = release;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(Route.of("POST", "/containers/{name:.*}/attach", this::attach));
  }

  private void attach(Call<ApiVersion> call) {
    AttachOptions options = new AttachOptions(call.bool("logs"), call.bool("stream"), call.bool("stdin"),
        call.bool("stdout"), call.bool("stderr"));
    String name = call.var("name");
    boolean refused = options.stream() && release.stoppedAttach() == EraFeatures.StoppedAttach.REFUSE_IN_STREAM
        && !engine.containers().inspect(name).state().running();
    if (refused) {
      // the release checked in the server: the logs, then the refusal inside the stream
      options = new AttachOptions(options.logs(), false, false, options.stdout(), options.stderr());
    }
    // subscribed before the head goes out, so that a start the client sends once it has read the head is followed
    AttachHandle attach = engine.containers().prepareEraAttach(name, options);
    try {
      Hijack.start(call.exchange(), Hijack.headFor(call.exchange()), threads, (in, out) -> {
        try (attach) {
          attach.run(in, (stream, bytes) -> {
            out.write(bytes);
            out.flush();
          });
          if (refused) {
            throw new DockerException("Impossible to attach to a stopped container, start it first");
          }
        } catch (DockerException e) {
          out.write(("Error: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      });
    } catch (RuntimeException e) {
      attach.close();
      throw e;
    }
  }
}
