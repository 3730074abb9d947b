package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.List;

/**
 * The route table, as mux tried it in order: the first route for the method and path is attached to the exchange
 * and the rest of the chain runs, on the I/O thread for a quick route the view allows there, else on a worker with
 * blocking streams; no match gets the view's 404 and is marked {@link DockerApi#UNMATCHED}.
 */
final class RouteTable<V> implements HttpHandler {
  static final AttachmentKey<Route.Found> FOUND = AttachmentKey.create(Route.Found.class);

  private final List<Route<V>> routes;
  private final View<V> view;
  private final HttpHandler routed;

  RouteTable(List<Route<V>> routes, View<V> view, HttpHandler routed) {
    this.routes = List.copyOf(routes);
    this.view = view;
    this.routed = routed;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Route.Found<V> found = Route.find(routes, ex.getRequestMethod().toString(),
        RequestVersion.unversionedPath(ex));
    if (found == null) {
      ex.putAttachment(DockerApi.UNMATCHED, Boolean.TRUE);
      view.notFound(ex);
      return;
    }
    ex.putAttachment(FOUND, found);
    if (found.route().onIoThread() && view.servesQuickRoutesOnIoThread()) {
      routed.handleRequest(ex);
    } else {
      Route.onWorker(ex, routed);
    }
  }
}
