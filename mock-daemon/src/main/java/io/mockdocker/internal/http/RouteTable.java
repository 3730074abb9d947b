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
  /** This daemon's routes, in the table's order. */
  private final List<Route<V>> table;
  /** How to search the table: the same for every daemon whose table has the same methods and templates. */
  private final Plan plan;

  RouteTable(List<Route<V>> routes, View<V> view, HttpHandler routed) {
    this.table = List.copyOf(routes);
    this.view = view;
    this.routed = routed;
    List<Object> key = new ArrayList<>(2 * table.size());
    for (Route<V> route : table) {
      key.add(route.method());
      key.add(route.shape());
    }
    this.plan = PLANS.computeIfAbsent(key, k -> Plan.of(table));
  }

  /** Plans by the methods and template shapes of their tables, in order. */
  private static final Map<List<Object>, Plan> PLANS = new ConcurrentHashMap<>();

  /**
   * The search of one table, by route indexes: by method, the routes in order with their literal prefixes; and by
   * method and literal template, what the whole ordered table answers for that exact path (an earlier route with
   * variables may take it first), so that such a path needs no regular expression.
   */
  private record Plan(Map<String, List<Candidate>> byMethod, Map<String, Map<String, Hit>> exact) {
    static <V> Plan of(List<Route<V>> table) {
      Map<String, List<Candidate>> byMethod = new HashMap<>();
      for (int i = 0; i < table.size(); i++) {
        Route<V> route = table.get(i);
        byMethod.computeIfAbsent(route.method(), m -> new ArrayList<>()).add(new Candidate(i, route.literalPrefix()));
      }
      Map<String, Map<String, Hit>> exact = new HashMap<>();
      for (Route<V> route : table) {
        if (route.literal()) {
          Route.Found<V> first = Route.find(table, route.method(), route.template());
          exact.computeIfAbsent(route.method(), m -> new HashMap<>()).putIfAbsent(route.template(),
              new Hit(table.indexOf(first.route()), Collections.unmodifiableMap(first.vars())));
        }
      }
      return new Plan(byMethod, exact);
    }
  }

  /** A route's place in the table and the variables it takes from a literal path. */
  private record Hit(int index, Map<String, String> vars) {}

  /** A route's place in the table and its literal prefix. */
  private record Candidate(int index, String prefix) {}

  /** The first route for this method and unversioned path, as mux tried them in order; else null. */
  Route.Found<V> find(String method, String path) {
    Map<String, Hit> literal = plan.exact().get(method);
    Hit hit = literal == null ? null : literal.get(path);
    if (hit != null) {
      return new Route.Found<>(table.get(hit.index()), hit.vars());
    }
    List<Candidate> candidates = plan.byMethod().get(method);
    if (candidates == null) {
      return null;
    }
    for (Candidate candidate : candidates) {
      if (path.startsWith(candidate.prefix())) {
        Route<V> route = table.get(candidate.index());
        Map<String, String> vars = route.match(path);
        if (vars != null) {
          return new Route.Found<>(route, vars);
        }
      }
    }
    return null;
  }

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
