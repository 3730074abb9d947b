package io.mockdocker.internal.http;

import static io.mockdocker.internal.http.ModernSwarmTest.refused;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The create body's {@code Domainname}, {@code NetworkDisabled}, {@code MacAddress} and {@code ArgsEscaped} come back
 * in inspect in the daemon's places; the container-wide MAC address draws 1.44's deprecation warning, and before 1.44
 * a network mode that cannot take it is refused.
 */
class ModernConfigMembersTest {
  static final String MAC_WARNING = "The container-wide MacAddress field is now deprecated. It should be specified in "
      + "EndpointsConfig instead.";

  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
      .preload("busybox:latest"));
  RawHttp http;

  @BeforeEach
  void client() {
    http = daemon.http();
  }

  static List<String> keys(JsonNode o) {
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void the_members_are_kept_and_printed_in_their_places() {
    Response created = http.post("/v1.50/containers/create?name=kept", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Domainname\":\"example.com\",\"NetworkDisabled\":true,"
            + "\"MacAddress\":\"02:42:ac:11:00:09\",\"ArgsEscaped\":true}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(tree(created).get("Warnings").get(0).asText()).isEqualTo(MAC_WARNING);
    JsonNode config = tree(http.get("/v1.50/containers/kept/json")).get("Config");
    assertThat(config.get("Domainname").asText()).isEqualTo("example.com");
    assertThat(config.get("NetworkDisabled").asBoolean()).isTrue();
    assertThat(config.get("MacAddress").asText()).isEqualTo("02:42:ac:11:00:09");
    assertThat(config.get("ArgsEscaped").asBoolean()).isTrue();
    List<String> keys = keys(config);
    assertThat(keys.indexOf("ArgsEscaped")).isEqualTo(keys.indexOf("Image") - 1);
    assertThat(keys.subList(keys.indexOf("Entrypoint"), keys.indexOf("OnBuild") + 1))
        .containsExactly("Entrypoint", "NetworkDisabled", "MacAddress", "OnBuild");
    assertThat(keys.indexOf("Domainname")).isEqualTo(1);
  }

  @Test
  void unset_members_are_left_out_as_go_omits_them() {
    Response created = http.post("/v1.50/containers/create?name=plain", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(tree(created).get("Warnings").size()).isZero();
    JsonNode config = tree(http.get("/v1.50/containers/plain/json")).get("Config");
    assertThat(config.get("Domainname").asText()).isEmpty();
    assertThat(keys(config)).doesNotContain("NetworkDisabled", "MacAddress", "ArgsEscaped");
  }

  @Test
  void before_1_44_the_mac_address_is_taken_quietly_or_refused_with_a_network_mode_that_has_no_endpoint() {
    Response quiet = http.post("/v1.43/containers/create?name=old", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"MacAddress\":\"02:42:ac:11:00:09\"}");
    assertThat(tree(quiet).get("Warnings").size()).isZero();
    assertThat(tree(http.get("/v1.43/containers/old/json")).at("/Config/MacAddress").asText())
        .isEqualTo("02:42:ac:11:00:09");
    refused(http.post("/v1.43/containers/create", "application/json", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],"
        + "\"MacAddress\":\"02:42:ac:11:00:09\",\"HostConfig\":{\"NetworkMode\":\"host\"}}"), 400,
        "conflicting options: mac-address and the network mode");
    Response dropped = http.post("/v1.50/containers/create?name=hostnet", "application/json", "{\"Image\":\"busybox\","
        + "\"Cmd\":[\"true\"],\"MacAddress\":\"02:42:ac:11:00:09\",\"HostConfig\":{\"NetworkMode\":\"host\"}}");
    assertThat(dropped.status()).as(dropped.text()).isEqualTo(201);
    assertThat(tree(dropped).get("Warnings").get(0).asText()).isEqualTo(MAC_WARNING);
    assertThat(keys(tree(http.get("/v1.50/containers/hostnet/json")).get("Config"))).doesNotContain("MacAddress");
  }

  @Test
  void a_container_wide_mac_address_is_the_bridge_endpoints_mac_once_the_container_runs() {
    for (String v : List.of("v1.43", "v1.50")) {
      String name = "mac" + v.replace(".", "");
      Response created = http.post("/" + v + "/containers/create?name=" + name, "application/json",
          "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"MacAddress\":\"02:42:ac:11:00:09\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      String id = tree(created).get("Id").asText();
      assertThat(http.post("/" + v + "/containers/" + name + "/start").status()).isEqualTo(204);
      JsonNode settings = tree(http.get("/" + v + "/containers/" + name + "/json")).get("NetworkSettings");
      assertThat(settings.get("MacAddress").asText()).as(v).isEqualTo("02:42:ac:11:00:09");
      assertThat(settings.at("/Networks/bridge/MacAddress").asText()).as(v).isEqualTo("02:42:ac:11:00:09");
      assertThat(settings.at("/Networks/bridge/IPAddress").asText()).isNotEmpty();
      JsonNode bridge = tree(http.get("/" + v + "/networks/bridge"));
      assertThat(bridge.at("/Containers/" + id + "/MacAddress").asText()).as(v).isEqualTo("02:42:ac:11:00:09");
      http.post("/" + v + "/containers/" + name + "/kill");
    }
    // without one, the endpoint keeps the MAC derived from its address
    Response plain = http.post("/v1.50/containers/create?name=derived", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]}");
    assertThat(plain.status()).isEqualTo(201);
    assertThat(http.post("/v1.50/containers/derived/start").status()).isEqualTo(204);
    JsonNode settings = tree(http.get("/v1.50/containers/derived/json")).get("NetworkSettings");
    assertThat(settings.at("/Networks/bridge/MacAddress").asText()).startsWith("02:42:")
        .isNotEqualTo("02:42:ac:11:00:09");
    http.post("/v1.50/containers/derived/kill");
  }
}
