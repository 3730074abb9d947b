package io.mockdocker.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the daemon's gorilla/mux table: a method and a path template such as {@code /images/{name:.*}/json},
 * matched against the path without its {@code /vX.Y} prefix (which {@link RequestVersion} parsed). A {@link #quick()} route answers from memory,
 * without reading a body, streaming or waiting, and is served on the I/O thread instead of a worker.
 */
public record Route<V>(String method, String template, Endpoint<V> endpoint, Shape shape, boolean onIoThread) {

  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

  /**
   * What a template compiles to, the same for every daemon: its pattern, its variables' names, and its text before
   * the first variable (all of it when it has none), which every path it matches starts with. There is one per
   * template, so shapes compare by identity (a table's shapes are hashed at every daemon's start).
   */
  static final class Shape {
    private final Pattern pattern;
    private final List<String> variables;
    private final String literalPrefix;
    private final String literalSuffix;
    private final boolean literal;

    Shape(Pattern pattern, List<String> variables, String literalPrefix, String literalSuffix, boolean literal) {
      this.pattern = pattern;
      this.variables = variables;
      this.literalPrefix = literalPrefix;
      this.literalSuffix = literalSuffix;
      this.literal = literal;
    }

    /** The template's text after its last variable: every path it matches ends with it. */
    String literalSuffix() {
      return literalSuffix;
    }

    Pattern pattern() {
      return pattern;
    }

    List<String> variables() {
      return variables;
    }

    String literalPrefix() {
      return literalPrefix;
    }

    boolean literal() {
      return literal;
    }
  }

  /** Compiled once per template: every daemon builds the same table. */
  private static final Map<String, Shape> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  public static <V> Route<V> of(String method, String template, Endpoint<V> endpoint) {
    return new Route<>(method, template, endpoint, COMPILED.computeIfAbsent(template, Route::compile), false);
  }

  private static Shape compile(String template) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = VARIABLE.matcher(template);
    int last = 0;
    String prefix = null;
    while (m.find()) {
      if (prefix == null) {
        prefix = template.substring(0, m.start());
      }
      regex.append(Pattern.quote(template.substring(last, m.start())));
      names.add(m.group(1));
      regex.append('(').append(m.group(2) == null ? "[^/]+" : m.group(2)).append(')');
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    Pattern pattern = Pattern.compile("^" + regex + "$", Pattern.DOTALL);
    return new Shape(pattern, List.copyOf(names), prefix == null ? template : prefix,
        prefix == null ? template : template.substring(last), prefix == null);
  }

  /** This route, served on the I/O thread: only for endpoints that answer one JSON value from memory. */
  public Route<V> quick() {
    return new Route<>(method, template, endpoint, shape, true);
  }

  /** The variables of a match of the unversioned path; {@code null} when no match. */
  Map<String, String> match(String unversionedPath) {
    if (!unversionedPath.endsWith(shape.literalSuffix())) {
      return null; // what follows the last variable is literal: no need to run the pattern
    }
    Matcher m = shape.pattern().matcher(unversionedPath);
    if (!m.matches()) {
      return null;
    }
    List<String> variables = shape.variables();
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      vars.put(variables.get(i), m.group(i + 1));
    }
    return vars;
  }

  /**
   * The template's text before its first variable (all of it when it has none): a path this route matches starts
   * with it, since the pattern is that text quoted, then the variables.
   */
  String literalPrefix() {
    return shape.literalPrefix();
  }

  /** Whether the template has no variable: it matches exactly the paths equal to it. */
  boolean literal() {
    return shape.literal();
  }

  /** A route that matched a request, with its path variables. */
  record Found<V>(Route<V> route, Map<String, String> vars) {}

  /** The first of {@code routes} for this method and unversioned path, as mux tried them in order; else null. */
  static <V> Found<V> find(List<Route<V>> routes, String method, String path) {
    for (Route<V> route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> vars = route.match(path);
        if (vars != null) {
          return new Found<>(route, vars);
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
        ErrorMapping.unlessClientGone(exchange, action);
      });
    } else {
      ex.startBlocking();
      ErrorMapping.unlessClientGone(ex, action);
    }
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
