package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/** A routed request whose version the view does not serve gets the view's refusal; else its row is attached. */
final class VersionGate<V> implements HttpHandler {
  static final AttachmentKey<Object> ROW = AttachmentKey.create(Object.class);

  private final View<V> view;
  private final HttpHandler next;

  VersionGate(View<V> view, HttpHandler next) {
    this.view = view;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    view.writeRoutedHeaders(ex);
    V row = view.admit(ex, RequestVersion.of(ex));
    if (row != null) {
      ex.putAttachment(ROW, row);
      next.handleRequest(ex);
    }
  }
}
