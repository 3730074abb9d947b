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
import io.mockdocker.testing.Sockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Published ports in the modern view: create, inspect and list JSON, real listeners, a port in use. */
class ModernPortsTest {
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    clock.runAtSpeed(1.0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String create(String name, String extra) {
    return Json.create(http, "/v1.50/containers/create?name=" + name,
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]" + extra + "}");
  }

  JsonNode inspect(String name) {
    Response r = http.get("/v1.50/containers/" + name + "/json");
    assertThat(r.status()).isEqualTo(200);
    return tree(r);
  }

  @Test
  void create_keeps_exposed_ports_and_bindings_as_sent() {
    create("web", ",\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{}},\"HostConfig\":{\"PortBindings\":"
        + "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]},"
        + "\"PublishAllPorts\":true}");
    JsonNode c = inspect("web");
    assertThat(c.get("Config").get("ExposedPorts").toString()).isEqualTo("{\"53/udp\":{},\"80/tcp\":{}}");
    assertThat(fieldNames(c.get("Config"))).startsWith("Hostname", "Domainname", "User", "AttachStdin",
        "AttachStdout", "AttachStderr", "ExposedPorts", "Tty");
    assertThat(c.get("HostConfig").get("PortBindings").toString()).isEqualTo(
        "{\"53/udp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}");
    assertThat(c.get("HostConfig").get("PublishAllPorts").asBoolean()).isTrue();
    assertThat(c.get("NetworkSettings").get("Ports").toString()).isEqualTo("{}");
  }

  @Test
  void without_ports_config_has_no_exposed_ports_key_and_bindings_are_empty() {
    create("plain", "");
    JsonNode c = inspect("plain");
    assertThat(c.get("Config").has("ExposedPorts")).isFalse();
    assertThat(c.get("HostConfig").get("PortBindings").toString()).isEqualTo("{}");
    assertThat(c.get("HostConfig").get("PublishAllPorts").asBoolean()).isFalse();
  }

  @Test
  void a_running_container_shows_both_families_and_null_for_an_unpublished_port() {
    create("web", ",\"ExposedPorts\":{\"80/tcp\":{},\"443/tcp\":{}},\"HostConfig\":{\"PortBindings\":"
        + "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}}");
    assertThat(http.post("/v1.50/containers/web/start").status()).isEqualTo(204);
    JsonNode ports = inspect("web").get("NetworkSettings").get("Ports");
    String port = ports.get("80/tcp").get(0).get("HostPort").asText();
    assertThat(ports.toString()).isEqualTo("{\"443/tcp\":null,\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\""
        + port + "\"},{\"HostIp\":\"::\",\"HostPort\":\"" + port + "\"}]}");
    Response list = http.get("/v1.50/containers/json");
    assertThat(tree(list).get(0).get("Ports").toString()).isEqualTo("[{\"PrivatePort\":443,\"Type\":\"tcp\"},"
        + "{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":" + port + ",\"Type\":\"tcp\"},"
        + "{\"IP\":\"::\",\"PrivatePort\":80,\"PublicPort\":" + port + ",\"Type\":\"tcp\"}]");
  }

  @Test
  void a_host_ip_is_shown_as_sent_and_publish_all_publishes_exposed_ports() {
    create("web", ",\"ExposedPorts\":{\"8080/tcp\":{}},\"HostConfig\":{\"PublishAllPorts\":true,\"PortBindings\":"
        + "{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}]}}");
    http.post("/v1.50/containers/web/start");
    JsonNode ports = inspect("web").get("NetworkSettings").get("Ports");
    assertThat(ports.get("80/tcp").size()).isEqualTo(1);
    assertThat(ports.get("80/tcp").get(0).get("HostIp").asText()).isEqualTo("127.0.0.1");
    assertThat(ports.get("8080/tcp").size()).isEqualTo(2);
    assertThat(ports.get("8080/tcp").get(0).get("HostPort").asText()).matches("[1-9][0-9]*");
  }

  @Test
  void the_published_port_accepts_connections_while_it_runs_and_refuses_them_after_stop() throws IOException {
    create("web", ",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"\"}]}}");
    http.post("/v1.50/containers/web/start");
    int port = inspect("web").get("NetworkSettings").get("Ports").get("80/tcp").get(0).get("HostPort").asInt();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      assertThat(s.isConnected()).isTrue();
    }
    assertThat(http.post("/v1.50/containers/web/stop?t=0").status()).isEqualTo(204);
    assertThat(inspect("web").get("NetworkSettings").get("Ports").toString()).isEqualTo("{}");
    assertThat(Sockets.listening(port)).as("port %d after stop", port).isFalse();
    assertThat(http.post("/v1.50/containers/web/start").status()).isEqualTo(204);
    int again = inspect("web").get("NetworkSettings").get("Ports").get("80/tcp").get(0).get("HostPort").asInt();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", again), 5000);
    }
  }

  @Test
  void a_fixed_port_another_container_holds_fails_the_start_with_the_daemon_text() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    String bindings = ",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"" + free
        + "\"}]}}";
    create("one", bindings);
    String two = create("two", bindings);
    assertThat(http.post("/v1.50/containers/one/start").status()).isEqualTo(204);
    Response r = http.post("/v1.50/containers/two/start");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"message\":\"failed to set up container networking: driver failed "
        + "programming external connectivity on endpoint two (" + two + "): Bind for 0.0.0.0:" + free
        + " failed: port is already allocated\"}\n");
    assertThat(inspect("two").get("State").get("Running").asBoolean()).isFalse();
    http.delete("/v1.50/containers/one?force=1");
    assertThat(http.post("/v1.50/containers/two/start").status()).isEqualTo(204);
    assertThat(inspect("two").get("NetworkSettings").get("Ports").get("80/tcp").get(0).get("HostPort").asInt())
        .isEqualTo(free);
  }

  @Test
  void the_images_exposed_ports_are_the_containers_and_publish_all_publishes_them() throws IOException {
    Response build = http.post("/v1.50/build?t=exposed", "application/x-tar",
        io.mockdocker.testing.Fixed.tar(java.util.Map.of("Dockerfile", "FROM busybox\nEXPOSE 80\n")));
    assertThat(build.status()).isEqualTo(200);
    Json.create(http, "/v1.50/containers/create?name=web",
        "{\"Image\":\"exposed\",\"Cmd\":[\"sleep\",\"1000\"],\"HostConfig\":{\"PublishAllPorts\":true}}");
    assertThat(inspect("web").get("Config").get("ExposedPorts").toString()).isEqualTo("{\"80/tcp\":{}}");
    http.post("/v1.50/containers/web/start");
    int port = inspect("web").get("NetworkSettings").get("Ports").get("80/tcp").get(0).get("HostPort").asInt();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    }
  }

  @Test
  void an_exposed_port_of_the_image_is_not_published_without_publish_all() {
    http.post("/v1.50/build?t=exposed", "application/x-tar",
        io.mockdocker.testing.Fixed.tar(java.util.Map.of("Dockerfile", "FROM busybox\nEXPOSE 80\n")));
    Json.create(http, "/v1.50/containers/create?name=web", "{\"Image\":\"exposed\",\"Cmd\":[\"sleep\",\"1000\"]}");
    http.post("/v1.50/containers/web/start");
    assertThat(inspect("web").get("NetworkSettings").get("Ports").toString()).isEqualTo("{\"80/tcp\":null}");
  }

  @Test
  void an_invalid_port_is_400() {
    Response r = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"abc/tcp\":[]}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("{\"message\":\"invalid port specification: \\\"abc\\\"\"}\n");
  }

  private static java.util.List<String> fieldNames(JsonNode o) {
    java.util.List<String> names = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
