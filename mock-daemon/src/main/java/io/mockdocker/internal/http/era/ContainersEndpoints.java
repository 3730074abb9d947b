package io.mockdocker.internal.http.era;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Change;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerCreated;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ApiVersion;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.ConfigJson;
import io.mockdocker.internal.http.EraFeatures;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.internal.http.ReadCache;
import io.mockdocker.internal.http.Responses;
import io.mockdocker.internal.http.Route;
import io.mockdocker.registry.Config;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The container endpoints, attach and build aside. */
public final class ContainersEndpoints {
  private final Engine engine;
  private final EraFeatures release;
  /** The list rows last written, per container. */
  private final ReadCache cache = new ReadCache(4096);
  /** The whole lists last written, per query (a few: each may be large). */
  private final ReadCache lists = new ReadCache(8);
  /** The inspect documents last written, per container; each kept with the snapshot it was written from. */
  private final ReadCache inspects = new ReadCache(2048);

  ContainersEndpoints(Engine engine, EraFeatures release) {
    this.engine = engine;
    this.release = release;
  }

  List<Route<ApiVersion>> routes() {
    return List.of(
        Route.of("GET", "/containers/json", this::list).quick(),
        Route.of("GET", "/containers/ps", this::list).quick(),
        Route.of("POST", "/containers/create", this::create),
        Route.of("GET", "/containers/{name:.*}/json", this::inspect).quick(),
        Route.of("GET", "/containers/{name:.*}/changes", this::changes),
        Route.of("GET", "/containers/{name:.*}/export", this::export),
        Route.of("POST", "/containers/{name:.*}/start", this::start),
        Route.of("POST", "/containers/{name:.*}/stop", this::stop),
        Route.of("POST", "/containers/{name:.*}/restart", this::restart),
        Route.of("POST", "/containers/{name:.*}/kill", this::kill),
        Route.of("POST", "/containers/{name:.*}/wait", this::await),
        Route.of("POST", "/containers/{name:.*}/resize", this::resize),
        Route.of("DELETE", "/containers/{name:.*}", this::delete),
        Route.of("POST", "/commit", this::commit));
  }

  private void list(Call<ApiVersion> call) {
    boolean all = call.bool("all");
    String since = call.param("since");
    String before = call.param("before");
    int limit = atoi(call.param("limit"), -1);
    List<ContainerListing> rows = engine.containers().list(all, limit, since, before);
    // a row (snapshot, image name, status text, sizes) is all a row is written from; the release is this view's
    byte[] answer = lists.get(all + " " + limit + " " + since + " " + before, rows, () -> {
      List<byte[]> out = new ArrayList<>(rows.size());
      for (ContainerListing row : rows) {
        out.add(cache.get(row.container().id(), row, () -> write(row)));
      }
      return ReadCache.array(out, false);
    });
    Responses.send(call.exchange(), 200, Responses.JSON, answer);
  }

  private byte[] write(ContainerListing row) {
    Container c = row.container();
    ObjectNode o = GoJson.object()
        .put("Id", c.id())
        .put("Image", row.image())
        .put("Command", c.command())
        .put("Created", c.created().toEpochSecond())
        .put("Status", row.status())
        .put("Ports", c.networkSettings().portsHuman());
    if (release.containerSizes()) {
      o.put("SizeRw", row.sizeRw()).put("SizeRootFs", row.sizeRootFs());
    }
    return GoJson.bytes(o);
  }

  private void create(Call<ApiVersion> call) {
    Config config = ConfigJson.read(JsonBodies.object(call.body()));
    List<String> dnsWarning = List.of();
    if (release.dnsWarning() && (config.dns() == null || config.dns().isEmpty())
        && LocalDns.named(engine.resolvConf())) {
      config = config.toBuilder().dns(LocalDns.PUBLIC_SERVERS).build();
      dnsWarning = List.of(LocalDns.WARNING);
    }
    ContainerCreated created = engine.containers().create(config);
    ObjectNode out = GoJson.object().put("Id", created.id());
    if (!dnsWarning.isEmpty() || !created.warnings().isEmpty()) {
      ArrayNode warnings = out.putArray("Warnings");
      dnsWarning.forEach(warnings::add);
      created.warnings().forEach(warnings::add);
    } else if (release.createWarnings() == EraFeatures.CreateWarnings.NULL) {
      out.putNull("Warnings");
    }
    Responses.jsonAfterStatus(call.exchange(), 201, out);
  }

  private void inspect(Call<ApiVersion> call) {
    Container c = engine.containers().inspect(call.var("name"));
    Responses.send(call.exchange(), 200, Responses.JSON,
        inspects.get(c.id(), c, () -> GoJson.bytes(inspectJson(c))));
  }

  /** The inspect document of a snapshot, with the keys the release knew. */
  private ObjectNode inspectJson(Container c) {
    ObjectNode o = GoJson.object();
    EraFeatures.InspectNames names = release.names();
    o.put(names.id(), c.id());
    o.put("Created", GoJson.time(c.created()));
    o.put("Path", c.path());
    ArrayNode args = o.putArray("Args");
    c.args().forEach(args::add);
    o.set("Config", ConfigJson.write(c.config()));
    ObjectNode state = o.putObject("State");
    state.put("Running", c.state().running());
    state.put("Pid", c.state().pid());
    state.put("ExitCode", c.state().exitCode());
    state.put("StartedAt", c.state().startedAt() == null ? GoJson.ZERO_TIME : GoJson.time(c.state().startedAt()));
    state.put("Ghost", c.state().ghost());
    o.put("Image", c.image());
    ObjectNode net = o.putObject("NetworkSettings");
    net.put(names.ipAddress(), c.networkSettings().ipAddress());
    net.put(names.ipPrefixLen(), c.networkSettings().ipPrefixLen());
    net.put("Gateway", c.networkSettings().gateway());
    net.put("Bridge", c.networkSettings().bridge());
    net.set("PortMapping", stringMap(c.networkSettings().portMapping()));
    o.put("SysInitPath", c.sysInitPath());
    o.put("ResolvConfPath", c.resolvConfPath());
    o.set("Volumes", stringMap(c.volumes()));
    return o;
  }

  private static com.fasterxml.jackson.databind.JsonNode stringMap(Map<String, String> map) {
    if (map == null) {
      return GoJson.MAPPER.nullNode();
    }
    ObjectNode o = GoJson.object();
    new java.util.TreeMap<>(map).forEach(o::put);
    return o;
  }

  private void changes(Call<ApiVersion> call) {
    List<Change> changes = engine.containers().changes(call.var("name"));
    if (changes.isEmpty()) {
      Responses.json(call.exchange(), GoJson.MAPPER.nullNode());
      return;
    }
    ArrayNode out = GoJson.array();
    for (Change c : changes) {
      out.addObject().put("Path", c.path()).put("Kind", c.kind().code());
    }
    Responses.json(call.exchange(), out);
  }

  private void export(Call<ApiVersion> call) throws IOException {
    String name = call.var("name");
    engine.containers().require(name);
    var ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    try (OutputStream out = ex.getOutputStream()) {
      engine.containers().export(name, out);
    }
  }

  private void start(Call<ApiVersion> call) {
    String name = call.var("name");
    String refusal = portRefusal(name);
    if (refusal != null) {
      throw new DockerException("Error starting container " + name + ": " + refusal);
    }
    engine.containers().start(name);
    Responses.status(call.exchange(), 204);
  }

  /**
   * Why a start of the stopped container {@code name} fails on its {@code PortSpecs} in this release, which the
   * engine (0.4.4's forms) would take; {@code null} for a running one (its start fails first) or when every entry
   * is taken.
   */
  private String portRefusal(String name) {
    Container c = engine.containers().inspect(name);
    return c.state().running() ? null : release.portSpecs().refusal(c.config().portSpecs());
  }

  private void stop(Call<ApiVersion> call) {
    int t = seconds(call.param("t"));
    engine.containers().stop(call.var("name"), t);
    Responses.status(call.exchange(), 204);
  }

  private void restart(Call<ApiVersion> call) {
    int t = seconds(call.param("t"));
    String name = call.var("name");
    String refusal = release.portSpecs().refusal(engine.containers().inspect(name).config().portSpecs());
    if (refusal != null) {
      // the release stopped the container, then its start failed on the entry
      engine.containers().stop(name, t);
      throw new DockerException("Error restarting container " + name + ": " + refusal);
    }
    engine.containers().restart(name, t);
    Responses.status(call.exchange(), 204);
  }

  private void kill(Call<ApiVersion> call) {
    engine.containers().kill(call.var("name"));
    Responses.status(call.exchange(), 204);
  }

  private void await(Call<ApiVersion> call) {
    int code = engine.containers().await(call.var("name"));
    Responses.json(call.exchange(), GoJson.object().put("StatusCode", code));
  }

  private void resize(Call<ApiVersion> call) {
    strictAtoi(call.param("h"));
    strictAtoi(call.param("w"));
    engine.containers().resize(call.var("name"));
    Responses.status(call.exchange(), 200);
  }

  private void delete(Call<ApiVersion> call) {
    call.bool("v");
    if (release.removeRunning() == EraFeatures.RemoveRunning.STOP_AND_REMOVE) {
      engine.containers().stop(call.var("name"), 3); // the daemon's Destroy stopped it first (a no-op when stopped)
    }
    engine.containers().remove(call.var("name"));
    Responses.status(call.exchange(), 204);
  }

  private void commit(Call<ApiVersion> call) {
    String repo = call.param("repo");
    String tag = call.param("tag");
    String container = call.param("container");
    String author = call.param("author");
    String comment = call.param("comment");
    Config config;
    try {
      config = ConfigJson.read(JsonBodies.object(call.body()));
    } catch (DockerException e) {
      config = Config.empty(); // the daemon logged the decode error and went on with a zero config
    }
    Image image = engine.containers().commit(container, repo, tag, comment, author, config);
    Responses.jsonAfterStatus(call.exchange(), 201, GoJson.object().put("Id", image.shortId()));
  }

  /** Go's strconv.Atoi, with a fallback for anything it rejects. */
  public static int atoi(String s, int fallback) {
    if (s == null || s.isEmpty()) {
      return fallback; // the usual case (no such parameter), without the cost of an exception
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** {@code t}: not an integer, or negative, means 10. */
  public static int seconds(String s) {
    int t = atoi(s, -1);
    return t < 0 ? 10 : t;
  }

  static int strictAtoi(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new DockerException("strconv.ParseInt: parsing " + goQuote(s) + ": "
          + (s.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
    }
  }

  private static String goQuote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
