package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;

/** How the modern daemon answers: JSON with Go's encoder (one value and a newline), bare statuses, JSON errors. */
public final class ModernResponses {
  public static final String JSON = "application/json";

  private ModernResponses() {}

  public static void json(HttpServerExchange ex, int status, JsonNode node) {
    Responses.send(ex, status, JSON, GoJson.MODERN.line(node));
  }

  /** A JSON answer already written ({@link GoJson.Dialect#line}), such as one kept by a {@link ReadCache}. */
  public static void json(HttpServerExchange ex, int status, byte[] line) {
    Responses.send(ex, status, JSON, line);
  }

  /** A status with no body (204, 304, 201 for tag, 200 for resize). */
  public static void empty(HttpServerExchange ex, int status) {
    Responses.send(ex, status, null, new byte[0]);
  }

  /** {@code {"message":…}} as {@code application/json}. */
  static void error(HttpServerExchange ex, int status, String message) {
    json(ex, status, GoJson.object().put("message", message));
  }

  /** {@code http.Error}: the text and a newline as {@code text/plain} (versions below 1.24). */
  static void plainError(HttpServerExchange ex, int status, String message) {
    Responses.send(ex, status, Responses.TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
