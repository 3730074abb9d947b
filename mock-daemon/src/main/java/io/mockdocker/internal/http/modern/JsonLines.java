package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernResponses;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A modern stream of JSON messages (pull, push, build, events): {@code 200 application/json}, chunked, each message
 * followed by the separator ({@code \r\n} for progress, {@code \n} for events) and flushed.
 */
final class JsonLines {
  private final HttpServerExchange exchange;
  private final byte[] separator;
  private OutputStream out;

  JsonLines(HttpServerExchange exchange, String separator) {
    this.exchange = exchange;
    this.separator = separator.getBytes(StandardCharsets.US_ASCII);
  }

  HttpServerExchange exchange() {
    return exchange;
  }

  /** Whether the response has started (a failure then goes into the stream). */
  boolean started() {
    return out != null;
  }

  /** Sends the status line and headers now, before any message (events, wait). */
  void start() {
    if (out != null) {
      return;
    }
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ModernResponses.JSON);
    exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    out = exchange.getOutputStream();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(JsonNode message) {
    start();
    try {
      out.write(GoJson.MODERN.bytes(message));
      out.write(separator);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error after the stream started: both forms on one line, as the daemon's JSONMessage writer did. */
  void error(String message) {
    write(GoJson.object().<com.fasterxml.jackson.databind.node.ObjectNode>set("errorDetail",
        GoJson.object().put("message", message)).put("error", message));
  }

  void finish() {
    start();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
