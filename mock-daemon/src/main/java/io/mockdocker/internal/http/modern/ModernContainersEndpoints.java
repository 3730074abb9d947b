package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Change;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerCreated;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HostConfig;
import io.mockdocker.internal.engine.LogOptions;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernNames;
import io.mockdocker.internal.http.ModernResponses;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.ReadCache;
import io.mockdocker.internal.http.Route;
import io.mockdocker.internal.http.era.ContainersEndpoints;
import io.mockdocker.internal.shell.Signals;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Healthcheck;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The modern container endpoints, attach aside. */
final class ModernContainersEndpoints {
  private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

  private final Engine engine;
  /** The list rows and inspect documents last written, per container (two slots each, for 2,048 containers). */
  private final ReadCache cache = new ReadCache(4096);
  /** The whole lists last written, per query (a few: each may be large). */
  private final ReadCache lists = new ReadCache(8);

  ModernContainersEndpoints(Engine engine) {
    this.engine = engine;
  }

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("GET", "/containers/json", this::list).quick(),
        Route.of("POST", "/containers/create", this::create),
        Route.of("GET", "/containers/{name:.*}/json", this::inspect).quick(),
        Route.of("GET", "/containers/{name:.*}/changes", this::changes),
        Route.of("GET", "/containers/{name:.*}/export", this::export),
        Route.of("GET", "/containers/{name:.*}/logs", this::logs),
        Route.of("POST", "/containers/{name:.*}/resize", this::resize),
        Route.of("DELETE", "/containers/{name:.*}", this::delete));
  }

  private void list(Call<ModernVersion> call) {
    boolean all = call.flag("all");
    int limit = ContainersEndpoints.atoi(call.param("limit"), -1);
    boolean size = call.flag("size");
    ContainerFilters filters = ContainerFilters.parse(call.param("filters"), engine);
    Instant now = engine.clock().now();
    List<ListRow> rows = new ArrayList<>();
    for (ContainerListing row : engine.containers().listAll(size)) {
      Container c = row.container();
      if (!all && !c.state().running() && !c.state().restarting() && limit <= 0 && !filters.mentions("status")) {
        continue;
      }
      if (!filters.matches(c)) {
        continue;
      }
      if (limit > 0 && rows.size() == limit) {
        break;
      }
      rows.add(new ListRow(c, ModernContainerJson.status(c.state(), c.health(), now), size, row.sizeRw(),
          row.sizeRootFs(), ModernNetworkJson.joined(c, engine.networks())));
    }
    // the whole answer while the rows are equal, else each row's bytes while that row is equal
    String query = "list all=" + all + " limit=" + limit + " size=" + size + " filters=" + call.param("filters");
    ModernResponses.json(call.exchange(), 200, lists.get(query, rows, () -> {
      List<byte[]> out = new ArrayList<>(rows.size());
      for (ListRow row : rows) {
        out.add(cache.get("list " + row.container().id(), row, row::write));
      }
      return ReadCache.array(out, true);
    }));
  }

  /**
   * Everything a list row is written from: the snapshot, the status text the clock gives it now, the sizes when
   * asked for, and its networks.
   */
  private record ListRow(Container container, String status, boolean sized, long sizeRw, long sizeRootFs,
      ModernNetworkJson.Joined networks) {
    byte[] write() {
      ObjectNode summary = ModernContainerJson.summary(container, sized ? new long[] {sizeRw, sizeRootFs} : null,
          status);
      ModernNetworkJson.containerNetworks((ObjectNode) summary.get("NetworkSettings"), container, networks);
      return GoJson.MODERN.bytes(summary);
    }
  }

  /** Everything an inspect document is written from: the snapshot, the API version and the networks. */
  private record InspectInput(Container container, ModernVersion version, ModernNetworkJson.Joined networks) {}

  private void create(Call<ModernVersion> call) {
    String name = call.param("name");
    if (!name.isEmpty() && !VALID_NAME.matcher(name).matches()) {
      throw new ApiError(400, "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    ObjectNode body = ModernBodies.object(call.body());
    String given = ModernBodies.string(body, "Image");
    if (given.isEmpty()) {
      throw new ApiError(400, "no image specified");
    }
    Healthcheck healthcheck = ModernHealthJson.read(body, call.version());
    String image = ModernNames.repository(given);
    if (engine.findImage(image).isEmpty()) {
      throw new ApiError(404, "No such image: " + familiar(image));
    }
    Config config = ModernBodies.config(body, image).toBuilder().healthcheck(healthcheck).build();
    HostConfig host = ModernBodies.hostConfig(body);
    host = host.withResources(host.resources().created(engine.capabilities().contains(Capability.SWAP_LIMIT)));
    List<String> bodyWarnings = new ArrayList<>();
    host = host.withExtras(ModernBodies.extras(body, host, call.version(), bodyWarnings));
    validate(config, host);
    ModernHostEcho.validate(host.echo(), host.logType(), host.logConfig());
    var networks = ModernNetworksEndpoints.wanted(body, host, call.version());
    ContainerCreated created = engine.containers().create(config, name.startsWith("/") ? name.substring(1) : name,
        host, ModernPorts.read(body));
    engine.networks().want(created.fullId(), networks);
    ObjectNode out = GoJson.object().put("Id", created.fullId());
    ArrayNode warnings = out.putArray("Warnings");
    created.warnings().forEach(warnings::add);
    bodyWarnings.forEach(warnings::add);
    ModernResponses.json(call.exchange(), 201, out);
  }

  /** The daemon's checks of the stop signal and the restart policy at create. */
  private static void validate(Config config, HostConfig host) {
    if (!config.stopSignal().isEmpty() && Signals.parse(config.stopSignal()) < 0) {
      throw new ApiError(400, "invalid signal: " + config.stopSignal());
    }
    String policy = host.restartPolicy();
    boolean none = policy.isEmpty() || policy.equals("no");
    if (host.autoRemove() && !none) {
      throw new ApiError(400, "can't create 'AutoRemove' container with restart policy");
    }
    int max = host.restartMaxRetries();
    switch (policy) {
      case "always", "unless-stopped", "no" -> {
        if (max != 0) {
          throw new ApiError(400, "invalid restart policy: maximum retry count can only be used with 'on-failure'"
              + (max < 0 ? " and cannot be negative" : ""));
        }
      }
      case "on-failure" -> {
        if (max < 0) {
          throw new ApiError(400, "invalid restart policy: maximum retry count cannot be negative");
        }
      }
      case "" -> {
        // before v25 clients sent an empty name: allowed, with any count
      }
      default -> throw new ApiError(400, "invalid restart policy: unknown policy '" + policy
          + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  /** The familiar form of a reference: {@code busybox} is {@code busybox:latest}. */
  static String familiar(String ref) {
    int slash = ref.lastIndexOf('/');
    String last = ref.substring(slash + 1);
    return last.contains(":") || ref.contains("@") || ref.matches("[0-9a-f]{12,64}") ? ref : ref + ":latest";
  }

  private void inspect(Call<ModernVersion> call) {
    Container c = engine.containers().inspect(call.var("name"));
    InspectInput input = new InspectInput(c, call.version(), ModernNetworkJson.joined(c, engine.networks()));
    ModernResponses.json(call.exchange(), 200, cache.get("inspect " + c.id(), input, () -> {
      ObjectNode out = ModernContainerJson.inspect(c, input.version());
      ModernNetworkJson.containerNetworks((ObjectNode) out.get("NetworkSettings"), c, input.networks());
      return GoJson.MODERN.line(out);
    }));
  }

  private void changes(Call<ModernVersion> call) {
    List<Change> changes = engine.containers().changes(call.var("name"));
    if (changes.isEmpty()) {
      ModernResponses.json(call.exchange(), 200, GoJson.MAPPER.nullNode());
      return;
    }
    ArrayNode out = GoJson.array();
    for (Change c : changes) {
      out.addObject().put("Path", c.path()).put("Kind", c.kind().code());
    }
    ModernResponses.json(call.exchange(), 200, out);
  }

  private void export(Call<ModernVersion> call) throws IOException {
    String id = engine.containers().inspect(call.var("name")).id();
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-tar");
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    try (OutputStream out = ex.getOutputStream()) {
      engine.containers().export(id, out);
    }
  }

  private void logs(Call<ModernVersion> call) throws IOException, InterruptedException {
    boolean stdout = call.flag("stdout");
    boolean stderr = call.flag("stderr");
    if (!stdout && !stderr) {
      throw new ApiError(400, "Bad parameters: you must choose at least one stream");
    }
    Container c = engine.containers().inspect(call.var("name"));
    Instant now = engine.clock().now();
    Instant since = ModernTimes.parse(call.param("since"), now);
    Instant until = ModernTimes.parse(call.param("until"), now);
    LogOptions options = new LogOptions(stdout, stderr, since, until, tail(call.param("tail")), call.flag("follow"));
    boolean timestamps = call.flag("timestamps");
    boolean tty = c.config().tty();
    HttpServerExchange ex = call.exchange();
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, StdFrames.contentType(call.version(), tty));
    ex.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
    OutputStream out = ex.getOutputStream();
    out.flush();
    StdFrames frames = new StdFrames(out, !tty);
    try {
      engine.containers().logs(c.id(), options, entry -> {
        byte[] bytes = entry.bytes();
        if (timestamps) {
          byte[] stamp = (ModernTimes.padded(entry.time()) + " ").getBytes(StandardCharsets.US_ASCII);
          byte[] both = new byte[stamp.length + bytes.length];
          System.arraycopy(stamp, 0, both, 0, stamp.length);
          System.arraycopy(bytes, 0, both, stamp.length, bytes.length);
          bytes = both;
        }
        frames.write(entry.stream(), bytes);
      });
      out.close();
    } catch (IOException e) {
      // the client left while following (Testcontainers' log wait does once its line came): the stream just ends
      ex.setPersistent(false);
      ex.endExchange();
    }
  }

  /** {@code all}, a number, or anything unreadable or negative: every line. */
  private static int tail(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void resize(Call<ModernVersion> call) {
    int h = ContainersEndpoints.atoi(call.param("h"), 0);
    int w = ContainersEndpoints.atoi(call.param("w"), 0);
    engine.containers().resizeTty(call.var("name"), h, w);
    ModernResponses.empty(call.exchange(), 200);
  }

  private void delete(Call<ModernVersion> call) {
    engine.containers().remove(call.var("name"), call.flag("force"), call.flag("v"));
    ModernResponses.empty(call.exchange(), 204);
  }
}
