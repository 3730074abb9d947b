package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** The end of the chain: the routed endpoint, called with the request's version row, path variables and limit. */
final class Invoke<V> implements HttpHandler {
  private final long maxBodyBytes;

  Invoke(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Route.Found<V> found = ex.getAttachment(RouteTable.FOUND);
    V row = (V) ex.getAttachment(VersionGate.ROW);
    found.route().endpoint().handle(new Call<>(ex, row, found.vars(), maxBodyBytes));
  }
}
