package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.DetachKeys;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.Hijack;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /containers/{id}/attach} for modern clients: a missing container is a JSON
 * 404; otherwise the connection is hijacked with {@code 101 UPGRADED} (when the request asks for {@code Upgrade}) or
 * the raw-stream {@code 200} head, and carries framed output (raw for a TTY) and raw input until the process exits.
 */
final class ModernAttachEndpoint {
  /** How long the head stays alone on the wire before the first output byte. */
  static final long HEAD_PAUSE_MILLIS = 50;

  private final Engine engine;
  private final ExecutorService sessions;

  ModernAttachEndpoint(Engine engine, ExecutorService sessions) {
    this.engine = engine;
    this.sessions = sessions;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("POST", "/containers/{name:.*}/attach", this::attach));
  }

  /** Whether the request asked to upgrade the connection. */
  static boolean upgrade(HttpServerExchange ex) {
    return ex.getRequestHeaders().contains(Headers.UPGRADE);
  }

  /** The attach head: 101 with the stream's type when upgrading, else the fixed raw-stream 200. */
  static byte[] head(boolean upgrade, String contentType) {
    if (upgrade) {
      return Hijack.head("HTTP/1.1 101 UPGRADED", List.of(Map.entry("Content-Type", contentType),
          Map.entry("Connection", "Upgrade"), Map.entry("Upgrade", "tcp")));
    }
    return Hijack.head("HTTP/1.1 200 OK", List.of(Map.entry("Content-Type", StdFrames.RAW_STREAM)));
  }

  private void attach(Call<ModernVersion> call) {
    String keys = call.param("detachKeys");
    byte[] detachKeys = DetachKeys.parse(keys);
    if (detachKeys == null) { // refused after the hijack, in the raw stream, as the daemon did
      byte[] refused = Hijack.head("HTTP/1.1 400 Bad Request", List.of(Map.entry("Content-Type",
          StdFrames.RAW_STREAM)));
      byte[] text = ("Invalid detach keys (" + keys + ") provided\r\n").getBytes(StandardCharsets.UTF_8);
      Hijack.start(call.exchange(), refused, 0, sessions, (in, out) -> out.write(text));
      return;
    }
    Container c = engine.containers().inspect(call.var("name"));
    if (c.state().paused()) {
      throw new ApiError(409, "container " + call.var("name") + " is paused, unpause the container before attach");
    }
    boolean tty = c.config().tty();
    AttachOptions options = new AttachOptions(call.flag("logs"), call.flag("stream"), call.flag("stdin"),
        call.flag("stdout"), call.flag("stderr"));
    byte[] head = head(upgrade(call.exchange()), StdFrames.contentType(call.version(), tty));
    AttachHandle attach = engine.containers().prepareAttach(c.id(), options, detachKeys);
    try {
      Hijack.start(call.exchange(), head, HEAD_PAUSE_MILLIS, sessions, (in, out) -> {
        try (attach) {
          attach.run(in, new StdFrames(out, !tty));
        }
      });
    } catch (RuntimeException e) {
      attach.close();
      throw e;
    }
  }
}
