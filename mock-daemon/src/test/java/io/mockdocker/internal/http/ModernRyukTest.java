package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in Ryuk of the default registry's {@code testcontainers/ryuk} image, driven as Testcontainers drives it:
 * created privileged with the docker socket bound, its {@code Started} line, label filters answered with ACK, and
 * the labelled containers, networks and volumes removed once the last client has gone and the reconnection timeout
 * has passed on the engine's clock.
 */
class ModernRyukTest {
  static final String SESSION = "org.testcontainers.sessionId=5f2c";
  VirtualClock clock;
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    docker.preload("testcontainers/ryuk:0.14.0");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.5.1", "0.7.0", "0.8.1", "0.11.0", "0.12.0", "0.13.0", "0.14.0"})
  void the_tags_testcontainers_asks_for_pull(String tag) {
    RawHttp.Response r = http.post("/v1.50/images/create?fromImage=testcontainers%2Fryuk&tag=" + tag);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).doesNotContain("errorDetail").contains("testcontainers/ryuk:" + tag);
    assertThat(http.get("/v1.50/images/testcontainers/ryuk:" + tag + "/json").status()).isEqualTo(200);
  }

  String startRyuk(String env) {
    return startRyuk(env, true);
  }

  String startRyuk(String env, boolean autoRemove) {
    String id = Json.create(http, "/v1.50/containers/create?name=testcontainers-ryuk-5f2c",
        "{\"Image\":\"testcontainers/ryuk:0.14.0\",\"Env\":" + env + ",\"ExposedPorts\":{\"8080/tcp\":{}},"
            + "\"Labels\":{\"org.testcontainers\":\"true\"},\"HostConfig\":{\"AutoRemove\":" + autoRemove + ",\"Privileged\":true,"
            + "\"Binds\":[\"/var/run/docker.sock:/var/run/docker.sock\"],"
            + "\"PortBindings\":{\"8080/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}}}");
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> logs(id).contains("msg=Started address=[::]:8080"));
    return id;
  }

  String logs(String id) {
    return http.get("/v1.50/containers/" + id + "/logs?stdout=1&stderr=1").text();
  }

  int mappedPort(String id) {
    return tree(http.get("/v1.50/containers/" + id + "/json")).get("NetworkSettings").get("Ports").get("8080/tcp")
        .get(0).get("HostPort").asInt();
  }

  /** A session's resources: a running container, a network and a volume with the session label, and one without. */
  void createSession() {
    String labels = "{\"org.testcontainers\":\"true\",\"org.testcontainers.sessionId\":\"5f2c\"}";
    Json.create(http, "/v1.50/containers/create?name=labelled",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"Labels\":" + labels + "}");
    assertThat(http.post("/v1.50/containers/labelled/start").status()).isEqualTo(204);
    Json.create(http, "/v1.50/containers/create?name=other",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"Labels\":{\"org.testcontainers\":\"true\"}}");
    assertThat(http.post("/v1.50/networks/create", "application/json",
        "{\"Name\":\"session-net\",\"Labels\":" + labels + "}").status()).isEqualTo(201);
    assertThat(http.post("/v1.50/volumes/create", "application/json",
        "{\"Name\":\"session-vol\",\"Labels\":" + labels + "}").status()).isEqualTo(201);
  }

  @Test
  void acks_filters_and_removes_what_they_select_after_the_last_client_and_the_reconnection_timeout()
      throws IOException {
    String ryuk = startRyuk("[]");
    assertThat(logs(ryuk)).contains("msg=starting connection_timeout=1m0s reconnection_timeout=10s");
    createSession();
    try (Socket s = new Socket("127.0.0.1", mappedPort(ryuk))) {
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      out.write("label=org.testcontainers%3Dtrue&label=org.testcontainers.sessionId%3D5f2c\n".getBytes());
      out.flush();
      assertThat(in.readLine()).isEqualTo("ACK");
      out.write("label=org.testcontainers.sessionId%3D5f2c\n".getBytes());
      out.flush();
      assertThat(in.readLine()).isEqualTo("ACK");
      clock.advance(Duration.ofMinutes(5)); // a connected client keeps everything, however long it stays
      assertThat(http.get("/v1.50/containers/labelled/json").status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> logs(ryuk).contains("msg=\"client disconnected\""));
    clock.advance(Duration.ofSeconds(9));
    assertThat(http.get("/v1.50/containers/labelled/json").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v1.50/containers/" + ryuk + "/json").status() == 404);
    assertThat(http.get("/v1.50/containers/labelled/json").status()).isEqualTo(404);
    assertThat(http.get("/v1.50/networks/session-net").status()).isEqualTo(404);
    assertThat(http.get("/v1.50/volumes/session-vol").status()).isEqualTo(404);
    assertThat(http.get("/v1.50/containers/other/json").status()).isEqualTo(200);
  }

  @Test
  void without_any_client_it_prunes_after_the_connection_timeout_and_logs_what_it_removed() {
    String ryuk = startRyuk("[\"RYUK_CONNECTION_TIMEOUT=2m\"]", false);
    createSession();
    clock.advance(Duration.ofSeconds(119));
    assertThat(logs(ryuk)).doesNotContain("prune check");
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs(ryuk)).contains("msg=done"));
    // no filter was registered: nothing is removed
    assertThat(logs(ryuk)).contains("msg=removed containers=0 networks=0 volumes=0 images=0");
    assertThat(http.get("/v1.50/containers/labelled/json").status()).isEqualTo(200);
  }

  @Test
  void a_bad_timeout_ends_it_with_ryuks_error() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"testcontainers/ryuk:0.14.0\","
        + "\"Env\":[\"RYUK_RECONNECTION_TIMEOUT=soon\"]}");
    assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> !tree(http.get("/v1.50/containers/" + id + "/json"))
        .get("State").get("Running").asBoolean());
    assertThat(tree(http.get("/v1.50/containers/" + id + "/json")).get("State").get("ExitCode").asInt()).isEqualTo(1);
    assertThat(logs(id)).contains("level=ERROR msg=run error=\"new reaper: load config: parse env: env: parse error "
        + "on field \\\"RYUK_RECONNECTION_TIMEOUT\\\"");
  }
}
