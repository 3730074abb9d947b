package io.mockdocker;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Consumer;

/** Reports every answered request, outermost in the chain so that it sees the final status. */
final class RequestLogHandler implements HttpHandler {
  private final HttpHandler next;
  private final Consumer<RequestLogEntry> listener;

  RequestLogHandler(HttpHandler next, Consumer<RequestLogEntry> listener) {
    this.next = next;
    this.listener = listener;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    long start = System.nanoTime();
    String query = ex.getQueryString();
    String path = ex.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    ex.addExchangeCompleteListener((exchange, nextListener) -> {
      try {
        listener.accept(new RequestLogEntry(exchange.getRequestMethod().toString(), path, exchange.getStatusCode(),
            MockDocker.since(start)));
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(ex);
  }
}
