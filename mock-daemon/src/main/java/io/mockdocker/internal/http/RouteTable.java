package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route table, as mux tried it in order: the first route for the method and path is attached to the exchange
 * and the rest of the chain runs, on the I/O thread for a quick route the view allows there, else on a worker with
 * blocking streams; no match gets the view's 404 and is marked {@link DockerApi#UNMATCHED}.
 */
final class RouteTable<V> implements HttpHandler {
  static final AttachmentKey<Route.Found> FOUND = AttachmentKey.create(Route.Found.class);

  private final View<V> view;
  private final HttpHandler routed;
  /** By method, the routes in order, each with its literal prefix. */
  private final Map<String, List<Candidate<V>>> byMethod = new HashMap<>();
  /**
   * By method and literal template, what the whole ordered table answers for that exact path (computed once: an
   * earlier route with variables may take it first); a path found here needs no regular expression.
   */
  private final Map<String, Map<String, Route.Found<V>>> exact = new HashMap<>();

  RouteTable(List<Route<V>> routes, View<V> view, HttpHandler routed) {
    List<Route<V>> table = List.copyOf(routes);
    this.view = view;
    this.routed = routed;
    for (Route<V> route : table) {
      byMethod.computeIfAbsent(route.method(), m -> new ArrayList<>())
          .add(new Candidate<>(route, route.literalPrefix()));
    }
    Map<String, Map<String, Hit>> hits = EXACT.computeIfAbsent(
        table.stream().map(route -> route.method() + " " + route.template()).toList(), key -> exact(table));
    hits.forEach((method, paths) -> {
      Map<String, Route.Found<V>> found = new HashMap<>();
      paths.forEach((path, hit) -> found.put(path, new Route.Found<>(table.get(hit.index()), hit.vars())));
      exact.put(method, found);
    });
  }

  /** A route's place in the table and the variables it takes from a literal path. */
  private record Hit(int index, Map<String, String> vars) {}

  /** The exact-path answers of a table, by its methods and templates: the same for every daemon, so kept. */
  private static final Map<List<String>, Map<String, Map<String, Hit>>> EXACT = new ConcurrentHashMap<>();

  private static <V> Map<String, Map<String, Hit>> exact(List<Route<V>> table) {
    Map<String, Map<String, Hit>> hits = new HashMap<>();
    for (Route<V> route : table) {
      if (route.literal()) {
        Route.Found<V> first = Route.find(table, route.method(), route.template());
        hits.computeIfAbsent(route.method(), m -> new HashMap<>()).putIfAbsent(route.template(),
            new Hit(table.indexOf(first.route()), Collections.unmodifiableMap(first.vars())));
      }
    }
    return hits;
  }

  /** The first route for this method and unversioned path, as mux tried them in order; else null. */
  Route.Found<V> find(String method, String path) {
    Map<String, Route.Found<V>> literal = exact.get(method);
    Route.Found<V> found = literal == null ? null : literal.get(path);
    if (found != null) {
      return found;
    }
    List<Candidate<V>> candidates = byMethod.get(method);
    if (candidates == null) {
      return null;
    }
    for (Candidate<V> candidate : candidates) {
      if (path.startsWith(candidate.prefix())) {
        Map<String, String> vars = candidate.route().match(path);
        if (vars != null) {
          return new Route.Found<>(candidate.route(), vars);
        }
      }
    }
    return null;
  }

  private record Candidate<V>(Route<V> route, String prefix) {}

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    Route.Found<V> found = find(ex.getRequestMethod().toString(), RequestVersion.unversionedPath(ex));
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
