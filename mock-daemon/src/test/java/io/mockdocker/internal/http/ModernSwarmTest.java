package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The swarm endpoints of a daemon outside a swarm, over the wire. */
class ModernSwarmTest {
  static final String JSON = "application/json";
  static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
      + "\"docker swarm join\" to connect this node to swarm and try again.";

  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()));
  RawHttp http;

  @BeforeEach
  void client() {
    http = daemon.http();
  }

  static void refused(Response r, int status, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(tree(r).get("message").asText()).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /swarm", "GET, /swarm/unlockkey", "POST, /swarm/unlock", "POST, /swarm/update?version=1",
      "GET, /services", "GET, /services/web", "POST, /services/create", "POST, /services/web/update?version=3",
      "DELETE, /services/web", "GET, /services/web/logs?stdout=1",
      "GET, /nodes", "GET, /nodes/n1", "DELETE, /nodes/n1", "POST, /nodes/n1/update?version=1",
      "GET, /tasks", "GET, /tasks/t1", "GET, /tasks/t1/logs?stderr=true",
      "GET, /secrets", "POST, /secrets/create", "GET, /secrets/s1", "DELETE, /secrets/s1",
      "POST, /secrets/s1/update?version=2",
      "GET, /configs", "POST, /configs/create", "GET, /configs/c1", "DELETE, /configs/c1",
      "POST, /configs/c1/update?version=2"})
  void every_manager_request_is_503_with_the_init_or_join_hint(String method, String path) {
    refused(http.send(method, "/v1.50" + path, JSON, "{}".getBytes()), 503, NOT_A_MANAGER);
    refused(http.send(method, path, JSON, "{}".getBytes()), 503, NOT_A_MANAGER);
  }

  @Test
  void leave_says_the_node_is_not_part_of_a_swarm_forced_or_not() {
    refused(http.post("/v1.50/swarm/leave"), 503, "This node is not part of a swarm");
    refused(http.post("/v1.44/swarm/leave?force=1"), 503, "This node is not part of a swarm");
  }

  @Test
  void init_cannot_pick_an_address_and_join_times_out() {
    refused(http.post("/v1.50/swarm/init", JSON, "{\"ListenAddr\":\"0.0.0.0:2377\"}"), 400,
        "must specify a listening address because the address to advertise is not recognized as a system "
            + "address, and a system's IP address to use could not be uniquely identified");
    refused(http.post("/v1.50/swarm/join", JSON, "{\"RemoteAddrs\":[\"10.0.0.1:2377\"],\"JoinToken\":\"t\"}"), 503,
        "Timeout was reached before node joined. The attempt to join the swarm will continue in the background. "
            + "Use the \"docker info\" command to see the current swarm status of your node.");
    assertThat(tree(http.get("/v1.50/info")).get("Swarm").get("LocalNodeState").asText()).isEqualTo("inactive");
  }

  @Test
  void the_request_is_checked_before_the_cluster_is_asked() {
    refused(http.post("/v1.50/services/create", JSON, "{\"Name\":"), 400, "invalid JSON: unexpected EOF");
    refused(http.post("/v1.50/swarm/init", JSON, "[1]"), 400,
        "invalid JSON: json: cannot unmarshal array into Go value of type swarm.InitRequest");
    refused(http.post("/v1.50/swarm/join", JSON, " "), 400, "invalid JSON: got EOF while reading request body");
    refused(http.post("/v1.50/secrets/create", JSON, "x"), 400,
        "invalid JSON: invalid character 'x' looking for beginning of value");
    refused(http.get("/v1.50/services?filters=%7Bnope"), 400, tree(http.get("/v1.50/containers/json?filters=%7Bnope"))
        .get("message").asText());
    refused(http.post("/v1.50/services/web/update", JSON, "{}"), 400,
        "invalid service version '': strconv.ParseUint: parsing \"\": invalid syntax");
    refused(http.post("/v1.50/nodes/n1/update?version=x", JSON, "{}"), 400,
        "invalid node version 'x': strconv.ParseUint: parsing \"x\": invalid syntax");
    refused(http.post("/v1.50/swarm/update?version=99999999999999999999", JSON, "{}"), 400,
        "invalid swarm version '99999999999999999999': strconv.ParseUint: parsing \"99999999999999999999\": "
            + "value out of range");
    refused(http.post("/v1.50/swarm/update?version=1&rotateWorkerToken=yes", JSON, "{}"), 400,
        "invalid value for rotateWorkerToken: yes");
    refused(http.post("/v1.50/secrets/s1/update", JSON, "{}"), 400, "invalid secret version");
    refused(http.post("/v1.50/configs/c1/update?version=-1", JSON, "{}"), 400, "invalid config version");
    refused(http.get("/v1.50/services/web?insertDefaults=maybe"), 400,
        "invalid value for insertDefaults: maybe: strconv.ParseBool: parsing \"maybe\": invalid syntax");
    refused(http.get("/v1.50/services/web/logs"), 500, "Bad parameters: you must choose at least one stream");
    refused(http.get("/v1.50/tasks/t1/logs?stdout=0"), 500, "Bad parameters: you must choose at least one stream");
  }

  @Test
  void info_and_ping_agree_the_swarm_is_inactive() {
    Response ping = http.get("/_ping");
    assertThat(ping.header("Swarm")).isEqualTo("inactive");
    JsonNode swarm = tree(http.get("/v1.50/info")).get("Swarm");
    assertThat(swarm.toString()).isEqualTo("{\"NodeID\":\"\",\"NodeAddr\":\"\",\"LocalNodeState\":\"inactive\","
        + "\"ControlAvailable\":false,\"Error\":\"\",\"RemoteManagers\":null}");
  }
}
