package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * The headers of {@code -api-enable-cors} on a routed answer, when on; with {@link #preflight} also the answer to
 * {@code OPTIONS} on any path (200 and the headers), which the era's mux gave before routing.
 */
final class Cors implements HttpHandler {
  private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");

  private final boolean enabled;
  private final HttpHandler next;

  Cors(boolean enabled, HttpHandler next) {
    this.enabled = enabled;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    write(ex);
    next.handleRequest(ex);
  }

  /** {@code OPTIONS} answered before routing: 200 with the headers (when on); other methods go on. */
  HttpHandler preflight(HttpHandler router) {
    return ex -> {
      if (ex.getRequestMethod().toString().equals("OPTIONS")) {
        write(ex);
        Responses.status(ex, 200);
        return;
      }
      router.handleRequest(ex);
    };
  }

  private void write(HttpServerExchange ex) {
    if (enabled) {
      ex.getResponseHeaders().put(ALLOW_ORIGIN, "*");
      ex.getResponseHeaders().put(ALLOW_HEADERS, "Origin, X-Requested-With, Content-Type, Accept");
      ex.getResponseHeaders().put(ALLOW_METHODS, "GET, POST, DELETE, PUT, OPTIONS");
    }
  }
}
