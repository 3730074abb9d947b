package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modern network endpoints over the wire, and a container's NetworkSettings.Networks. */
class ModernNetworksTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String JSON = "application/json";

  MockDocker docker;
  RawHttp http;
  VirtualClock clock;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(T0);
    clock.runAtSpeed(1.0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String createNetwork(String body) {
    Response r = http.post("/v1.50/networks/create", JSON, body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{64}\",\"Warning\":\"\"}\n");
    return tree(r).get("Id").asText();
  }

  String container(String name, String body) {
    return Json.create(http, "/v1.50/containers/create?name=" + name, body);
  }

  static List<String> names(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void the_list_holds_the_predefined_networks_with_the_daemons_keys() {
    Response r = http.get("/v1.50/networks");
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = tree(r);
    assertThat(names(list, "Name")).containsExactly("bridge", "host", "none");
    JsonNode bridge = list.get(0);
    List<String> keys = new ArrayList<>();
    bridge.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
        "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels");
    assertThat(bridge.get("IPAM").toString()).isEqualTo("{\"Driver\":\"default\",\"Options\":null,\"Config\":"
        + "[{\"Subnet\":\"172.16.42.0/24\",\"Gateway\":\"172.16.42.1\"}]}");
    assertThat(bridge.get("Scope").asText()).isEqualTo("local");
    assertThat(bridge.get("Options").get("com.docker.network.bridge.name").asText()).isEqualTo("docker0");
    assertThat(list.get(2).get("Driver").asText()).isEqualTo("null");
    assertThat(list.get(2).get("IPAM").get("Config").isNull()).isTrue();
  }

  @Test
  void create_then_inspect_by_name_id_and_prefix() {
    String id = createNetwork("{\"Name\":\"appnet\",\"Driver\":\"bridge\",\"Labels\":{\"team\":\"a\"},"
        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.20.0.0/16\",\"Gateway\":\"10.20.0.254\"}]},"
        + "\"Internal\":true,\"Attachable\":true,\"EnableIPv6\":false}");
    for (String term : List.of("appnet", id, id.substring(0, 5))) {
      Response r = http.get("/v1.50/networks/" + term);
      assertThat(r.status()).isEqualTo(200);
      JsonNode n = tree(r);
      assertThat(n.get("Id").asText()).isEqualTo(id);
      assertThat(n.get("Name").asText()).isEqualTo("appnet");
      assertThat(n.get("Created").asText()).matches("2025-01-01T00:0\\d:\\d\\d(\\.\\d+)?Z");
      assertThat(n.get("IPAM").toString()).isEqualTo("{\"Driver\":\"default\",\"Options\":{},\"Config\":"
          + "[{\"Subnet\":\"10.20.0.0/16\",\"Gateway\":\"10.20.0.254\"}]}");
      assertThat(n.get("Internal").asBoolean()).isTrue();
      assertThat(n.get("Attachable").asBoolean()).isTrue();
      assertThat(n.get("Labels").toString()).isEqualTo("{\"team\":\"a\"}");
      assertThat(n.get("Containers").toString()).isEqualTo("{}");
    }
  }

  @Test
  void refusals_carry_the_daemons_text_and_status() {
    createNetwork("{\"Name\":\"twin\"}");
    Response dup = http.post("/v1.50/networks/create", JSON, "{\"Name\":\"twin\"}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.text()).isEqualTo("{\"message\":\"network with name twin already exists\"}\n");
    Response predefined = http.post("/v1.50/networks/create", JSON, "{\"Name\":\"bridge\"}");
    assertThat(predefined.status()).isEqualTo(403);
    assertThat(predefined.text())
        .isEqualTo("{\"message\":\"operation is not permitted on predefined bridge network \"}\n");
    Response missing = http.get("/v1.50/networks/nosuch");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"network nosuch not found\"}\n");
    Response rmBridge = http.delete("/v1.50/networks/bridge");
    assertThat(rmBridge.status()).isEqualTo(403);
    assertThat(rmBridge.text())
        .isEqualTo("{\"message\":\"bridge is a pre-defined network and cannot be removed\"}\n");
    Response plugin = http.post("/v1.50/networks/create", JSON, "{\"Name\":\"p\",\"Driver\":\"weave\"}");
    assertThat(plugin.status()).isEqualTo(404);
    assertThat(plugin.text()).isEqualTo("{\"message\":\"plugin \\\"weave\\\" not found\"}\n");
    Response host = http.post("/v1.50/networks/create", JSON, "{\"Name\":\"h\",\"Driver\":\"host\"}");
    assertThat(host.status()).isEqualTo(403);
    assertThat(host.text()).isEqualTo("{\"message\":\"only one instance of \\\"host\\\" network is allowed\"}\n");
    Response overlay = http.post("/v1.50/networks/create", JSON, "{\"Name\":\"o\",\"Driver\":\"overlay\"}");
    assertThat(overlay.status()).isEqualTo(403);
    assertThat(tree(overlay).get("message").asText()).startsWith("This node is not a swarm manager.");
    Response noName = http.post("/v1.50/networks/create", JSON, "{}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.text()).isEqualTo("{\"message\":\"invalid name: name is empty\"}\n");
  }

  @Test
  void connect_disconnect_remove_and_the_container_networks() {
    String net = createNetwork("{\"Name\":\"backend\"}");
    String c = container("db", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
    assertThat(http.post("/v1.50/containers/db/start").status()).isEqualTo(204);
    Response connect = http.post("/v1.50/networks/backend/connect", JSON,
        "{\"Container\":\"db\",\"EndpointConfig\":{\"Aliases\":[\"database\"]}}");
    assertThat(connect.status()).isEqualTo(200);
    assertThat(connect.body()).isEmpty();

    JsonNode n = tree(http.get("/v1.50/networks/backend"));
    JsonNode ep = n.get("Containers").get(c);
    assertThat(ep.get("Name").asText()).isEqualTo("db");
    assertThat(ep.get("EndpointID").asText()).matches("[0-9a-f]{64}");
    assertThat(ep.get("MacAddress").asText()).isEqualTo("02:42:ac:11:00:02");
    assertThat(ep.get("IPv4Address").asText()).isEqualTo("172.17.0.2/16");
    assertThat(ep.get("IPv6Address").asText()).isEmpty();

    JsonNode networks = tree(http.get("/v1.50/containers/db/json")).get("NetworkSettings").get("Networks");
    List<String> keys = new ArrayList<>();
    networks.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("backend", "bridge");
    JsonNode mine = networks.get("backend");
    assertThat(mine.toString()).isEqualTo("{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":[\"database\"],"
        + "\"MacAddress\":\"02:42:ac:11:00:02\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"" + net + "\","
        + "\"EndpointID\":\"" + ep.get("EndpointID").asText() + "\",\"Gateway\":\"172.17.0.1\","
        + "\"IPAddress\":\"172.17.0.2\",\"IPPrefixLen\":16,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\","
        + "\"GlobalIPv6PrefixLen\":0,\"DNSNames\":[\"db\",\"database\",\"" + c.substring(0, 12) + "\"]}");

    Response busy = http.delete("/v1.50/networks/backend");
    assertThat(busy.status()).isEqualTo(403);
    assertThat(tree(busy).get("message").asText()).isEqualTo("error while removing network: network backend has "
        + "active endpoints (name:\"db\" id:\"" + ep.get("EndpointID").asText().substring(0, 12) + "\")");

    Response again = http.post("/v1.50/networks/backend/connect", JSON, "{\"Container\":\"db\"}");
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.text())
        .isEqualTo("{\"message\":\"endpoint with name db already exists in network backend\"}\n");

    Response disconnect = http.post("/v1.50/networks/backend/disconnect", JSON, "{\"Container\":\"db\"}");
    assertThat(disconnect.status()).isEqualTo(200);
    assertThat(tree(http.get("/v1.50/networks/backend")).get("Containers").toString()).isEqualTo("{}");
    Response remove = http.delete("/v1.50/networks/backend");
    assertThat(remove.status()).isEqualTo(204);
    assertThat(http.get("/v1.50/networks/backend").status()).isEqualTo(404);
  }

  @Test
  void network_mode_and_endpoints_config_attach_at_start_and_an_unknown_network_fails_the_start() {
    String net = createNetwork("{\"Name\":\"front\",\"IPAM\":{\"Config\":[{\"Subnet\":\"192.168.7.0/24\"}]}}");
    String c = container("web", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"],"
        + "\"HostConfig\":{\"NetworkMode\":\"front\"},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"front\":{\"Aliases\":[\"www\"]}}}}");
    JsonNode before = tree(http.get("/v1.50/containers/web/json")).get("NetworkSettings").get("Networks");
    assertThat(before.toString()).startsWith("{\"front\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":[\"www\"],"
        + "\"MacAddress\":\"\",\"DriverOpts\":null,\"GwPriority\":0,\"NetworkID\":\"" + net + "\",\"EndpointID\":\"\"");
    assertThat(http.post("/v1.50/containers/web/start").status()).isEqualTo(204);
    JsonNode inspect = tree(http.get("/v1.50/containers/web/json"));
    JsonNode front = inspect.get("NetworkSettings").get("Networks").get("front");
    assertThat(inspect.get("NetworkSettings").get("Networks").has("bridge")).isFalse();
    assertThat(inspect.get("NetworkSettings").get("IPAddress").asText()).isEmpty();
    assertThat(front.get("IPAddress").asText()).isEqualTo("192.168.7.2");
    assertThat(front.get("Gateway").asText()).isEqualTo("192.168.7.1");
    assertThat(front.get("IPPrefixLen").asInt()).isEqualTo(24);
    JsonNode listed = tree(http.get("/v1.50/containers/json")).get(0).get("NetworkSettings").get("Networks");
    assertThat(listed.get("front").get("IPAddress").asText()).isEqualTo("192.168.7.2");
    assertThat(c).hasSize(64);

    container("lost", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{\"NetworkMode\":\"nosuch\"}}");
    Response start = http.post("/v1.50/containers/lost/start");
    assertThat(start.status()).isEqualTo(404);
    assertThat(start.text())
        .isEqualTo("{\"message\":\"failed to set up container networking: network nosuch not found\"}\n");
  }

  @Test
  void list_filters_and_prune() {
    createNetwork("{\"Name\":\"alpha\",\"Labels\":{\"env\":\"test\"}}");
    createNetwork("{\"Name\":\"beta\",\"Driver\":\"bridge\"}");
    container("user", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
    http.post("/v1.50/containers/user/start");
    http.post("/v1.50/networks/beta/connect", JSON, "{\"Container\":\"user\"}");
    assertThat(names(tree(http.get("/v1.50/networks?filters=%7B%22type%22%3A%5B%22custom%22%5D%7D")), "Name"))
        .containsExactly("alpha", "beta");
    assertThat(names(tree(http.get("/v1.50/networks?filters=%7B%22type%22%3A%5B%22builtin%22%5D%7D")), "Name"))
        .containsExactly("bridge", "host", "none");
    assertThat(names(tree(http.get("/v1.50/networks?filters=%7B%22label%22%3A%5B%22env%3Dtest%22%5D%7D")), "Name"))
        .containsExactly("alpha");
    assertThat(names(tree(http.get("/v1.50/networks?filters=%7B%22name%22%3A%5B%22al%22%5D%7D")), "Name"))
        .containsExactly("alpha");
    assertThat(names(tree(http.get("/v1.50/networks?filters=%7B%22dangling%22%3A%5B%22true%22%5D%7D")), "Name"))
        .containsExactly("alpha");
    Response bad = http.get("/v1.50/networks?filters=%7B%22color%22%3A%5B%22red%22%5D%7D");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"invalid filter 'color'\"}\n");

    createNetwork("{\"Name\":\"kept\",\"Labels\":{\"keep\":\"yes\"}}");
    Response badPrune = http.post("/v1.50/networks/prune?filters=%7B%22name%22%3A%5B%22x%22%5D%7D");
    assertThat(badPrune.status()).isEqualTo(400);
    assertThat(badPrune.text()).isEqualTo("{\"message\":\"invalid filter 'name'\"}\n");
    assertThat(http.post("/v1.50/networks/prune?filters=%7B%22until%22%3A%5B%221%22%5D%7D").text())
        .isEqualTo("{\"NetworksDeleted\":null}\n");
    Response prune = http.post("/v1.50/networks/prune?filters=%7B%22label!%22%3A%5B%22keep%22%5D%7D");
    assertThat(prune.status()).isEqualTo(200);
    assertThat(prune.text()).isEqualTo("{\"NetworksDeleted\":[\"alpha\"]}\n");
    assertThat(http.post("/v1.50/networks/prune").text()).isEqualTo("{\"NetworksDeleted\":[\"kept\"]}\n");
    assertThat(http.post("/v1.50/networks/prune").text()).isEqualTo("{\"NetworksDeleted\":null}\n");
  }

  @Test
  void network_events_are_on_the_event_stream_and_filtered_by_network() throws Exception {
    String id = createNetwork("{\"Name\":\"evnet\"}");
    createNetwork("{\"Name\":\"quiet\"}");
    String c = container("joiner", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
    http.post("/v1.50/containers/joiner/start");
    http.post("/v1.50/networks/evnet/connect", JSON, "{\"Container\":\"joiner\"}");
    http.post("/v1.50/networks/evnet/disconnect", JSON, "{\"Container\":\"joiner\"}");
    assertThat(http.delete("/v1.50/networks/evnet").status()).isEqualTo(204);
    clock.advance(java.time.Duration.ofSeconds(120));
    Response r = http.get("/v1.50/events?since=" + T0.getEpochSecond() + "&until=" + (T0.getEpochSecond() + 60)
        + "&filters=%7B%22network%22%3A%5B%22evnet%22%5D%7D");
    assertThat(r.status()).isEqualTo(200);
    List<String> seen = new ArrayList<>();
    for (String line : r.text().split("\n")) {
      JsonNode e = tree(line);
      assertThat(e.get("Type").asText()).isEqualTo("network");
      assertThat(e.get("Actor").get("ID").asText()).isEqualTo(id);
      seen.add(e.get("Action").asText() + " " + e.get("Actor").get("Attributes").toString());
    }
    assertThat(seen).containsExactly(
        "create {\"name\":\"evnet\",\"type\":\"bridge\"}",
        "connect {\"container\":\"" + c + "\",\"name\":\"evnet\",\"type\":\"bridge\"}",
        "disconnect {\"container\":\"" + c + "\",\"name\":\"evnet\",\"type\":\"bridge\"}",
        "destroy {\"name\":\"evnet\",\"type\":\"bridge\"}");
  }

  @Test
  void a_stopped_container_joins_at_its_start_and_leaves_at_its_exit() {
    String net = createNetwork("{\"Name\":\"later\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.40.0.0/24\"}]}}");
    container("napper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
    Response connect = http.post("/v1.50/networks/later/connect", JSON,
        "{\"Container\":\"napper\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.40.0.9\"}}}");
    assertThat(connect.status()).isEqualTo(200);
    assertThat(tree(http.get("/v1.50/networks/later")).get("Containers").toString()).isEqualTo("{}");
    JsonNode before = tree(http.get("/v1.50/containers/napper/json")).get("NetworkSettings").get("Networks");
    assertThat(before.get("later").get("NetworkID").asText()).isEqualTo(net);
    assertThat(before.get("later").get("IPAMConfig").toString()).isEqualTo("{\"IPv4Address\":\"10.40.0.9\"}");
    assertThat(before.get("later").get("IPAddress").asText()).isEmpty();
    assertThat(http.post("/v1.50/containers/napper/start").status()).isEqualTo(204);
    JsonNode running = tree(http.get("/v1.50/containers/napper/json")).get("NetworkSettings").get("Networks");
    assertThat(running.get("later").get("IPAddress").asText()).isEqualTo("10.40.0.9");
    assertThat(http.post("/v1.50/containers/napper/kill").status()).isEqualTo(204);
    http.post("/v1.50/containers/napper/wait");
    JsonNode after = tree(http.get("/v1.50/containers/napper/json")).get("NetworkSettings").get("Networks");
    assertThat(after.get("later").get("IPAddress").asText()).isEmpty();
    assertThat(after.get("later").get("NetworkID").asText()).isEqualTo(net);
    assertThat(http.delete("/v1.50/networks/later").status()).isEqualTo(204);
  }

  @Test
  void versions_differ_as_data_list_containers_below_1_28_and_one_endpoint_at_create_below_1_44() {
    createNetwork("{\"Name\":\"uno\"}");
    createNetwork("{\"Name\":\"dos\"}");
    container("both", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"]}");
    http.post("/v1.50/containers/both/start");
    http.post("/v1.50/networks/uno/connect", JSON, "{\"Container\":\"both\"}");
    Response oldList = http.get("/v1.27/networks?filters=%7B%22name%22%3A%5B%22uno%22%5D%7D");
    JsonNode old = tree(oldList).get(0);
    assertThat(old.get("Containers").size()).isEqualTo(1);
    JsonNode now = tree(http.get("/v1.28/networks?filters=%7B%22name%22%3A%5B%22uno%22%5D%7D")).get(0);
    assertThat(now.get("Containers").toString()).isEqualTo("{}");

    String body = "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"60\"],\"HostConfig\":{\"NetworkMode\":\"uno\"},"
        + "\"NetworkingConfig\":{\"EndpointsConfig\":{\"uno\":{},\"dos\":{}}}}";
    Response refused = http.post("/v1.43/containers/create", JSON, body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.text())
        .isEqualTo("{\"message\":\"Container cannot be created with multiple network endpoints: uno, dos\"}\n");
    assertThat(http.post("/v1.44/containers/create?name=multi", JSON, body).status()).isEqualTo(201);
    assertThat(http.post("/v1.44/containers/multi/start").status()).isEqualTo(204);
    JsonNode networks = tree(http.get("/v1.44/containers/multi/json")).get("NetworkSettings").get("Networks");
    assertThat(networks.get("uno").get("IPAddress").asText()).isEqualTo("172.17.0.3");
    assertThat(networks.get("dos").get("IPAddress").asText()).isEqualTo("172.18.0.2");
  }
}
