package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** An uncleaned path ({@code //}, {@code .}, {@code ..}) gets a 301 to its clean form, as Go's mux answered. */
final class PathCleaning implements HttpHandler {
  private final HttpHandler next;

  PathCleaning(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRequestPath();
    String clean = GoPaths.isClean(path) ? path : GoPaths.clean(path);
    if (!clean.equals(path)) {
      ex.getResponseHeaders().put(Headers.LOCATION, clean);
      Responses.status(ex, 301);
      return;
    }
    next.handleRequest(ex);
  }
}
