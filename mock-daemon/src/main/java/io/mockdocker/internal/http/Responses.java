package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the daemon's handlers answered: writeJSON, http.Error, a bare WriteHeader, or sniffed text. */
public final class Responses {
  /** What go1.1 sniffed for text and for empty bodies. */
  public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";

  private Responses() {}

  /** writeJSON: {@code application/json} and the body, status 200. */
  public static void json(HttpServerExchange ex, JsonNode node) {
    send(ex, 200, JSON, GoJson.bytes(node));
  }

  /**
   * A JSON body written after {@code WriteHeader(status)}: the Content-Type set afterwards was lost and Go sniffed
   * {@code text/plain; charset=utf-8} (create, commit).
   */
  public static void jsonAfterStatus(HttpServerExchange ex, int status, JsonNode node) {
    send(ex, status, TEXT_PLAIN, GoJson.bytes(node));
  }

  /** A bare WriteHeader: no body, and Go sniffed a text type for it. */
  public static void status(HttpServerExchange ex, int status) {
    send(ex, status, TEXT_PLAIN, new byte[0]);
  }

  /** http.Error: the message and one newline, as plain text. */
  static void error(HttpServerExchange ex, int status, String message) {
    send(ex, status, TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
    ex.setStatusCode(status);
    if (contentType != null) {
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    }
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    if (ex.isBlocking()) {
      try {
        ex.getOutputStream().write(body);
        ex.getOutputStream().close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else {
      ex.getResponseSender().send(ByteBuffer.wrap(body));
    }
  }

  /** The status for a daemon error message, by its prefix (httpError). */
  static int statusFor(String message) {
    if (message.startsWith("No such")) {
      return 404;
    }
    if (message.startsWith("Bad parameter")) {
      return 400;
    }
    if (message.startsWith("Conflict")) {
      return 409;
    }
    if (message.startsWith("Impossible")) {
      return 406;
    }
    return 500;
  }
}
