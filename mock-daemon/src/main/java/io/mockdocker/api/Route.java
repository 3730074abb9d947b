package io.mockdocker.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the daemon's gorilla/mux table: a method and a path template such as {@code /images/{name:.*}/json},
 * registered with and without the {@code /v{version:[0-9.]+}} prefix. A {@link #quick()} route answers from memory,
 * without reading a body, streaming or waiting, and is served on the I/O thread instead of a worker.
 */
record Route(String method, String template, Endpoint endpoint, Pattern bare, Pattern versioned,
    List<String> variables, boolean onIoThread) {

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

  /** Compiled once per template: every daemon builds the same table. */
  private static final Map<String, Route> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  static Route of(String method, String template, Endpoint endpoint) {
    Route compiled = COMPILED.computeIfAbsent(template, t -> compile(method, t, endpoint));
    return new Route(method, template, endpoint, compiled.bare, compiled.versioned, compiled.variables, false);
  }

  private static Route compile(String method, String template, Endpoint endpoint) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = VARIABLE.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      names.add(m.group(1));
      regex.append('(').append(m.group(2) == null ? "[^/]+" : m.group(2)).append(')');
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    Pattern bare = Pattern.compile("^" + regex + "$", Pattern.DOTALL);
    Pattern versioned = Pattern.compile("^/v([0-9.]+)" + regex + "$", Pattern.DOTALL);
    return new Route(method, template, endpoint, bare, versioned, List.copyOf(names), false);
  }

  /** This route, served on the I/O thread: only for endpoints that answer one JSON value from memory. */
  Route quick() {
    return new Route(method, template, endpoint, bare, versioned, variables, true);
  }

  /** The variables of a match, {@code version} first when the prefix was present; {@code null} when no match. */
  Map<String, String> match(String path) {
    Matcher v = versioned.matcher(path);
    if (v.matches()) {
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("version", v.group(1));
      for (int i = 0; i < variables.size(); i++) {
        vars.put(variables.get(i), v.group(i + 2));
      }
      return vars;
    }
    Matcher b = bare.matcher(path);
    if (b.matches()) {
      Map<String, String> vars = new LinkedHashMap<>();
      for (int i = 0; i < variables.size(); i++) {
        vars.put(variables.get(i), b.group(i + 1));
      }
      return vars;
    }
    return null;
  }

  /** A route that matched a request, with its path variables. */
  record Found(Route route, Map<String, String> vars) {}

  /** The first of {@code routes} for this method and path, as mux tried them in order; {@code null} when none. */
  static Found find(List<Route> routes, String method, String path) {
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> vars = route.match(path);
        if (vars != null) {
          return new Found(route, vars);
        }
      }
    }
    return null;
  }

  /** Runs {@code action} with blocking streams, handing the exchange to a worker thread first when on the I/O one. */
  static void onWorker(io.undertow.server.HttpServerExchange ex, io.undertow.server.HttpHandler action)
      throws Exception {
    if (ex.isInIoThread()) {
      ex.dispatch(exchange -> {
        exchange.startBlocking();
        action.handleRequest(exchange);
      });
    } else {
      ex.startBlocking();
      action.handleRequest(ex);
    }
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
