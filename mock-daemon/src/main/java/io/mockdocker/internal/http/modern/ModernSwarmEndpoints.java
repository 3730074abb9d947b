package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.internal.http.Route;
import java.util.List;
import java.util.Set;

/**
 * The swarm, service, node, task, secret and config endpoints of a daemon that is not part of a swarm. Each route
 * checks its request as the daemon's router did (a JSON body, a version number, a boolean query value) and then
 * answers as the daemon's cluster component did without a node: 503 with the text that tells the user to init or
 * join a swarm, or, for {@code leave}, that the node is not part of one.
 */
final class ModernSwarmEndpoints {
  /** The cluster component's answer to every manager request on a node outside a swarm. */
  static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
      + "\"docker swarm join\" to connect this node to swarm and try again.";
  /** The answer to {@code leave} (and to reading the swarm itself) on a node that never joined one. */
  static final String NOT_IN_A_SWARM = "This node is not part of a swarm";
  /**
   * The answer to {@code init}: the daemon cannot pick a local address to advertise the new swarm on, which is what
   * a real daemon says when none of its addresses can be chosen; this one has no network interfaces to offer.
   */
  static final String NO_LISTEN_ADDRESS = "must specify a listening address because the address to advertise is not "
      + "recognized as a system address, and a system's IP address to use could not be uniquely identified";
  /** The answer to {@code join}: the remote managers named in the request never answer this daemon. */
  static final String JOIN_TIMEOUT = "Timeout was reached before node joined. The attempt to join the swarm will "
      + "continue in the background. Use the \"docker info\" command to see the current swarm status of your node.";
  private static final Set<String> BOOLEANS = Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE",
      "false", "False");

  List<Route<ModernVersion>> routes() {
    return List.of(
        Route.of("POST", "/swarm/init", this::init),
        Route.of("POST", "/swarm/join", this::join),
        Route.of("POST", "/swarm/leave", call -> unavailable(NOT_IN_A_SWARM)),
        Route.of("GET", "/swarm", call -> unavailable(NOT_A_MANAGER)),
        Route.of("GET", "/swarm/unlockkey", call -> unavailable(NOT_A_MANAGER)),
        Route.of("POST", "/swarm/update", this::updateSwarm),
        Route.of("POST", "/swarm/unlock", call -> bodyThenRefuse(call, "swarm.UnlockRequest")),

        Route.of("GET", "/services", this::list),
        Route.of("GET", "/services/{id}", this::inspectService),
        Route.of("POST", "/services/create", call -> bodyThenRefuse(call, "swarm.ServiceSpec")),
        Route.of("POST", "/services/{id}/update", call -> versionedUpdate(call, "service", "swarm.ServiceSpec")),
        Route.of("DELETE", "/services/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("GET", "/services/{id}/logs", this::logs),

        Route.of("GET", "/nodes", this::list),
        Route.of("GET", "/nodes/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("DELETE", "/nodes/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("POST", "/nodes/{id}/update", call -> versionedUpdate(call, "node", "swarm.NodeSpec")),

        Route.of("GET", "/tasks", this::list),
        Route.of("GET", "/tasks/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("GET", "/tasks/{id}/logs", this::logs),

        Route.of("GET", "/secrets", this::list),
        Route.of("POST", "/secrets/create", call -> bodyThenRefuse(call, "swarm.SecretSpec")),
        Route.of("DELETE", "/secrets/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("GET", "/secrets/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("POST", "/secrets/{id}/update", call -> numberedUpdate(call, "secret", "swarm.SecretSpec")),

        Route.of("GET", "/configs", this::list),
        Route.of("POST", "/configs/create", call -> bodyThenRefuse(call, "swarm.ConfigSpec")),
        Route.of("DELETE", "/configs/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("GET", "/configs/{id}", call -> unavailable(NOT_A_MANAGER)),
        Route.of("POST", "/configs/{id}/update", call -> numberedUpdate(call, "config", "swarm.ConfigSpec")));
  }

  private static void unavailable(String message) {
    throw new ApiError(503, message);
  }

  private void init(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "swarm.InitRequest", false);
    throw new ApiError(400, NO_LISTEN_ADDRESS);
  }

  private void join(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "swarm.JoinRequest", false);
    throw new ApiError(503, JOIN_TIMEOUT);
  }

  private void bodyThenRefuse(Call<ModernVersion> call, String goType) {
    ModernReadJson.read(call.body(), goType, false);
    unavailable(NOT_A_MANAGER);
  }

  /** A list: its {@code filters} are read (a malformed one is a 400) before the cluster is asked. */
  private void list(Call<ModernVersion> call) {
    ModernFilters.parse(call.param("filters"));
    unavailable(NOT_A_MANAGER);
  }

  private void inspectService(Call<ModernVersion> call) {
    bool(call, "insertDefaults", "invalid value for insertDefaults: ");
    unavailable(NOT_A_MANAGER);
  }

  private void updateSwarm(Call<ModernVersion> call) {
    ModernReadJson.read(call.body(), "swarm.Spec", false);
    version(call, "swarm");
    bool(call, "rotateWorkerToken", null);
    bool(call, "rotateManagerToken", null);
    bool(call, "rotateManagerUnlockKey", null);
    unavailable(NOT_A_MANAGER);
  }

  /** A service or node update: the body, then the {@code version} the update is made against. */
  private void versionedUpdate(Call<ModernVersion> call, String kind, String goType) {
    ModernReadJson.read(call.body(), goType, false);
    version(call, kind);
    unavailable(NOT_A_MANAGER);
  }

  /** A secret or config update: its {@code version} must be a number, worded more briefly. */
  private void numberedUpdate(Call<ModernVersion> call, String kind, String goType) {
    ModernReadJson.read(call.body(), goType, false);
    if (!unsigned(call.param("version"))) {
      throw new ApiError(400, "invalid " + kind + " version");
    }
    unavailable(NOT_A_MANAGER);
  }

  /** Service or task logs: at least one stream is asked for (a plain 500 otherwise, as the daemon had it). */
  private void logs(Call<ModernVersion> call) {
    if (!call.bool("stdout") && !call.bool("stderr")) {
      throw new ApiError(500, "Bad parameters: you must choose at least one stream");
    }
    unavailable(NOT_A_MANAGER);
  }

  private static void version(Call<ModernVersion> call, String kind) {
    String raw = call.param("version");
    if (!unsigned(raw)) {
      String reason = raw.matches("[0-9]+") ? "value out of range" : "invalid syntax";
      throw new ApiError(400, "invalid " + kind + " version '" + raw + "': strconv.ParseUint: parsing "
          + quoted(raw) + ": " + reason);
    }
  }

  /** A boolean query value as Go's {@code strconv.ParseBool} reads it; {@code prefix} null is the short wording. */
  private static void bool(Call<ModernVersion> call, String name, String prefix) {
    String value = call.param(name);
    if (value.isEmpty() || BOOLEANS.contains(value)) {
      return;
    }
    throw new ApiError(400, prefix == null ? "invalid value for " + name + ": " + value
        : prefix + value + ": strconv.ParseBool: parsing " + quoted(value) + ": invalid syntax");
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static boolean unsigned(String raw) {
    if (!raw.matches("[0-9]{1,20}")) {
      return false;
    }
    return new java.math.BigInteger(raw).bitLength() <= 64;
  }
}
