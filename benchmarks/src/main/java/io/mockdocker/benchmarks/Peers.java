package io.mockdocker.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What a user would pick instead of the daemon: WireMock with a static stub, and a bare Undertow handler. */
final class Peers {
  static final String JSON = "application/json";

  private Peers() {}

  /** WireMock 3 as its docs start it (a dynamic port, defaults otherwise), serving {@code body} at {@code path}. */
  static WireMockServer wireMock(String path, byte[] body) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(urlEqualTo(path))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body)));
    return server;
  }

  /**
   * Undertow with the daemon's listener settings (127.0.0.1, one I/O thread) and a handler that writes {@code body}
   * on the I/O thread: the ceiling of the daemon's stack.
   */
  static Undertow bareUndertow(byte[] body) {
    ByteBuffer bytes = ByteBuffer.wrap(body).asReadOnlyBuffer();
    Undertow server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
          ex.getResponseSender().send(bytes.duplicate());
        })
        .build();
    server.start();
    return server;
  }

  /**
   * Undertow with the daemon's listener settings and a blocking handler that streams {@code body} (chunked, 64 KiB
   * writes) from a worker thread, as the daemon streams an export: the ceiling for B6.
   */
  static Undertow bareUndertowStreaming(byte[] body) {
    Undertow server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setHandler(new BlockingHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-tar");
          OutputStream out = ex.getOutputStream();
          for (int at = 0; at < body.length; at += CHUNK) {
            out.write(body, at, Math.min(CHUNK, body.length - at));
          }
        }))
        .build();
    server.start();
    return server;
  }

  private static final int CHUNK = 64 * 1024;

  static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }
}
