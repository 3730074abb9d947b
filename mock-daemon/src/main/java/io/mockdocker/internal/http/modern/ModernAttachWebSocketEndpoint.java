package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.BytePipe;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.StreamSink;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.xnio.IoUtils;

/**
 * {@code GET /containers/{id}/attach/ws}: attach over a WebSocket, as the daemon served it. The container is looked
 * up (and a paused one refused) before the handshake; then output is never multiplexed: each write of stdout or
 * stderr is one frame, binary from API 1.28 and text before; every frame the client sends, text or binary, is
 * stdin, and its close frame ends stdin. When the attach ends (the process exited) the daemon closes with status
 * 1000. A request that is not a WebSocket handshake gets the handshake library's plain {@code 400 Bad Request}.
 */
final class ModernAttachWebSocketEndpoint {
  private final Engine engine;
  private final ExecutorService sessions;

  ModernAttachWebSocketEndpoint(Engine engine, ExecutorService sessions) {
    this.engine = engine;
    this.sessions = sessions;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(Route.of("GET", "/containers/{name:.*}/attach/ws", this::attach));
  }

  private void attach(Call<ModernVersion> call) throws Exception {
    Container c = engine.containers().inspect(call.var("name"));
    if (c.state().paused()) {
      throw new ApiError(409, "container " + call.var("name") + " is paused, unpause the container before attach");
    }
    AttachOptions options = new AttachOptions(call.flag("logs"), call.flag("stream"), call.flag("stdin"),
        call.flag("stdout"), call.flag("stderr"));
    boolean binary = call.version().websocketBinaryFrames();
    // subscribed before the handshake answers, so output after the client sees 101 is never missed
    AttachHandle attach = engine.containers().prepareAttach(c.id(), options);
    WebSocketConnectionCallback onConnect = (ws, channel) -> session(attach, binary, channel);
    try {
      new WebSocketProtocolHandshakeHandler(onConnect, ex -> {
        attach.close();
        ex.setStatusCode(400);
        ex.getResponseHeaders().clear();
        ex.endExchange();
      }).handleRequest(call.exchange());
    } catch (Exception | Error e) {
      attach.close();
      throw e;
    }
  }

  private void session(AttachHandle attach, boolean binary, WebSocketChannel channel) {
    BytePipe stdin = new BytePipe();
    channel.getReceiveSetter().set(new AbstractReceiveListener() {
      @Override
      protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) throws IOException {
        feed(stdin, message.getData().getBytes(StandardCharsets.UTF_8));
      }

      @Override
      protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) throws IOException {
        try (var data = message.getData()) {
          for (ByteBuffer buffer : data.getResource()) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            feed(stdin, bytes);
          }
        }
      }

      @Override
      protected void onCloseMessage(CloseMessage message, WebSocketChannel ch) {
        stdin.close();
      }
    });
    channel.resumeReceives();
    StreamSink sink = (stream, bytes) -> {
      if (bytes.length == 0) {
        return;
      }
      if (binary) {
        WebSockets.sendBinaryBlocking(ByteBuffer.wrap(bytes), channel);
      } else {
        WebSockets.sendTextBlocking(new String(bytes, StandardCharsets.UTF_8), channel);
      }
    };
    try {
      sessions.execute(() -> {
        try (attach) {
          attach.run(stdin.input(), sink);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
          // the client left: nothing more to send
        } finally {
          stdin.close();
          close(channel);
        }
      });
    } catch (RuntimeException e) {
      attach.close();
      close(channel);
    }
  }

  private static void feed(BytePipe stdin, byte[] bytes) {
    try {
      stdin.output().write(bytes);
    } catch (IOException closed) {
      // stdin already ended: the daemon dropped such input too
    }
  }

  /** The normal closure the daemon's WebSocket library sent as the attach ended. */
  private static void close(WebSocketChannel channel) {
    if (!channel.isOpen()) {
      return;
    }
    WebSockets.sendClose(1000, "", channel, new WebSocketCallback<Void>() {
      @Override
      public void complete(WebSocketChannel ch, Void context) {
        IoUtils.safeClose(ch);
      }

      @Override
      public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
        IoUtils.safeClose(ch);
      }
    });
  }
}
