package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The request's framing, checked before any handler reads it: a {@code Content-Length} that is not a non-negative
 * 64-bit decimal number gets the short {@code 400 Bad Request} (empty, connection closed) that the HTTP parser gives
 * a length it cannot read at all, whatever the path; Go's server refused every such length before routing. A chunked
 * body is decoded by {@link ChunkedBody}, which turns bad framing into an answer instead of a dropped connection.
 */
public final class Framing implements HttpHandler {
  private final long maxBodyBytes;
  private final HttpHandler next;

  private Framing(long maxBodyBytes, HttpHandler next) {
    this.maxBodyBytes = maxBodyBytes;
    this.next = next;
  }

  /**
   * {@code next} behind the framing checks; the outermost handler of the server.
   *
   * @param maxBodyBytes the daemon's body limit, which a chunked body's chunk sizes are held to as they come
   */
  public static HttpHandler guard(long maxBodyBytes, HttpHandler next) {
    return new Framing(maxBodyBytes, next);
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    ex.addExchangeCompleteListener((done, nextListener) -> {
      ClientInput.requestDone(done);
      nextListener.proceed();
    });
    String length = ex.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    if (length != null && !isLength(length)) {
      badRequest(ex);
      return;
    }
    ChunkedBody.install(ex, maxBodyBytes);
    next.handleRequest(ex);
  }

  /** Digits only, and few enough to fit a {@code long}. */
  static boolean isLength(String value) {
    if (value.isEmpty() || value.length() > 19) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return value.length() < 19 || value.compareTo(String.valueOf(Long.MAX_VALUE)) <= 0;
  }

  /** The parser's own answer to a request it cannot frame: 400, no body, and the connection closed after it. */
  private static void badRequest(HttpServerExchange ex) {
    ex.setPersistent(false);
    ex.setStatusCode(400);
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, "0");
    ex.getResponseHeaders().put(Headers.CONNECTION, "close");
    ex.endExchange();
  }
}
