package io.mockdocker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.faults.FaultHandle;
import io.mockdocker.scenario.Scenario;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/**
 * The admin API under {@code /_mock/}, a prefix Docker never used, so that non-Java clients and demos can script the
 * daemon too. It sits outside the request journal: admin calls are not recorded.
 *
 * <ul>
 *   <li>{@code GET /_mock} lists these routes;
 *   <li>{@code POST /_mock/reset} returns the daemon to its start state (204);
 *   <li>{@code GET /_mock/journal} gives the recorded requests as JSON;
 *   <li>{@code GET /_mock/faults} lists the active faults and how often each fired, {@code DELETE} removes them;
 *   <li>{@code GET /_mock/clock} tells the daemon's time, {@code POST /_mock/clock/advance?by=PT10M} moves a virtual
 *       clock;
 *   <li>{@code GET /_mock/scenarios} lists the shipped scenarios;
 *   <li>{@code POST /_mock/scenarios/NAME} loads a shipped scenario, {@code POST /_mock/scenarios} one given as the
 *       JSON body.
 * </ul>
 */
final class AdminHandler implements HttpHandler {
  static final String PREFIX = "/_mock";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MockDocker docker;
  private final HttpHandler next;

  AdminHandler(MockDocker docker, HttpHandler next) {
    this.docker = docker;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRequestPath();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      next.handleRequest(ex);
      return;
    }
    if (ex.isInIoThread()) {
      ex.dispatch(this);
      return;
    }
    ex.startBlocking();
    String method = ex.getRequestMethod().toString();
    String route = path.substring(PREFIX.length());
    try {
      if (method.equals("GET") && (route.isEmpty() || route.equals("/"))) {
        json(ex, 200, index());
      } else if (method.equals("POST") && route.equals("/reset")) {
        docker.reset();
        send(ex, 204, "text/plain; charset=utf-8", "");
      } else if (method.equals("GET") && route.equals("/journal")) {
        json(ex, 200, journal());
      } else if (method.equals("GET") && route.equals("/faults")) {
        ArrayNode list = MAPPER.createArrayNode();
        for (FaultHandle handle : docker.faults().active()) {
          list.addObject().put("fault", handle.fault().toString()).put("fired", handle.fired());
        }
        json(ex, 200, list);
      } else if (method.equals("DELETE") && route.equals("/faults")) {
        docker.faults().clear();
        send(ex, 204, "text/plain; charset=utf-8", "");
      } else if (method.equals("GET") && route.equals("/clock")) {
        json(ex, 200, MAPPER.createObjectNode().put("now", docker.clock().now().toString())
            .put("virtual", docker.clock() instanceof VirtualClock));
      } else if (method.equals("POST") && route.equals("/clock/advance")) {
        if (!(docker.clock() instanceof VirtualClock virtual)) {
          throw new IllegalArgumentException("the daemon runs on real time; start it with a virtual clock");
        }
        String by = ex.getQueryParameters().containsKey("by") ? ex.getQueryParameters().get("by").getFirst() : "";
        try {
          virtual.advance(java.time.Duration.parse(by));
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException("by is an ISO-8601 duration such as PT10M: " + by);
        }
        json(ex, 200, MAPPER.createObjectNode().put("now", virtual.now().toString()));
      } else if (method.equals("GET") && route.equals("/scenarios")) {
        ArrayNode list = MAPPER.createArrayNode();
        for (String name : Scenario.names()) {
          list.addObject().put("name", name).put("description", Scenario.named(name).description());
        }
        json(ex, 200, list);
      } else if (method.equals("POST") && route.equals("/scenarios")) {
        String body = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Scenario scenario = Scenario.fromJson(body);
        docker.load(scenario);
        json(ex, 200, MAPPER.createObjectNode().put("loaded", scenario.name()));
      } else if (method.equals("POST") && route.startsWith("/scenarios/")) {
        Scenario scenario = Scenario.named(route.substring("/scenarios/".length()));
        docker.load(scenario);
        json(ex, 200, MAPPER.createObjectNode().put("loaded", scenario.name()));
      } else {
        send(ex, 404, "text/plain; charset=utf-8", "no admin route " + method + " " + path + "\n");
      }
    } catch (IllegalArgumentException e) {
      send(ex, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
    }
  }

  private static ObjectNode index() {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode routes = o.putArray("routes");
    routes.add("GET /_mock").add("POST /_mock/reset").add("GET /_mock/journal").add("GET /_mock/faults")
        .add("DELETE /_mock/faults").add("GET /_mock/clock").add("POST /_mock/clock/advance?by=PT10M")
        .add("GET /_mock/scenarios").add("POST /_mock/scenarios").add("POST /_mock/scenarios/{name}");
    return o;
  }

  private ArrayNode journal() {
    ArrayNode list = MAPPER.createArrayNode();
    for (RecordedRequest r : docker.journal().requests()) {
      list.addObject()
          .put("method", r.method())
          .put("path", r.path())
          .put("version", r.version())
          .put("query", r.query())
          .put("status", r.status())
          .put("durationMillis", r.duration().toMillis())
          .put("completedAt", r.completedAt().toString())
          .put("unmatched", r.unmatched());
    }
    return list;
  }

  private static void json(HttpServerExchange ex, int status, Object body) throws Exception {
    send(ex, status, "application/json", MAPPER.writeValueAsString(body));
  }

  private static void send(HttpServerExchange ex, int status, String type, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
    ex.getOutputStream().write(bytes);
    ex.getOutputStream().close();
  }
}
