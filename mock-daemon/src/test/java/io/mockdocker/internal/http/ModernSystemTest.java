package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The modern view's front door: profiles, version checks, common headers, /_ping, /version, /info. */
class ModernSystemTest {
  static final ObjectMapper JSON = new ObjectMapper();

  MockDocker docker;
  RawHttp http;

  void start(ApiProfile profile) {
    docker = MockDocker.builder().fixtures(Fixtures.none()).profile(profile).start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    if (docker != null) {
      docker.close();
    }
  }

  static List<String> headerNames(Response r) {
    List<String> names = new ArrayList<>();
    r.headers().forEach(h -> names.add(h[0]));
    return names;
  }

  @Test
  void pingCarriesEveryHeaderTheCliReads() {
    start(ApiProfile.modern());
    Response r = http.get("/_ping");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.text()).isEqualTo("OK");
    assertThat(r.header("Api-Version")).isEqualTo("1.50");
    assertThat(r.header("Builder-Version")).isEqualTo("1");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache, no-store, must-revalidate");
    assertThat(r.header("Pragma")).isEqualTo("no-cache");
    assertThat(r.header("Docker-Experimental")).isEqualTo("false");
    assertThat(r.header("Ostype")).isEqualTo("linux");
    assertThat(r.header("Swarm")).isEqualTo("inactive");
    assertThat(r.header("Server")).isEqualTo("Docker/28.2.2 (linux)");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("Content-Length")).isEqualTo("2");
  }

  @Test
  void headPingHasNoBody() {
    start(ApiProfile.modern());
    Response r = http.sendRaw("HEAD /_ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        new byte[0], true);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Api-Version")).isEqualTo("1.50");
    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void versionedPingAnswersToo() {
    start(ApiProfile.modern());
    assertThat(http.get("/v1.44/_ping").text()).isEqualTo("OK");
  }

  @Test
  void versionHasTheEngineComponentAndTheRange() throws Exception {
    start(ApiProfile.modern());
    Response r = http.get("/v1.44/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).endsWith("}\n");
    JsonNode v = JSON.readTree(r.body());
    assertThat(v.get("ApiVersion").asText()).isEqualTo("1.50");
    assertThat(v.get("MinAPIVersion").asText()).isEqualTo("1.24");
    assertThat(v.get("Version").asText()).isEqualTo("28.2.2");
    assertThat(v.get("Os").asText()).isEqualTo("linux");
    JsonNode engine = v.get("Components").get(0);
    assertThat(engine.get("Name").asText()).isEqualTo("Engine");
    assertThat(engine.get("Details").get("ApiVersion").asText()).isEqualTo("1.50");
    assertThat(engine.get("Details").get("MinAPIVersion").asText()).isEqualTo("1.24");
  }

  @Test
  void infoCountsContainersAndImages() throws Exception {
    start(ApiProfile.modern());
    JsonNode info = JSON.readTree(http.get("/info").body());
    assertThat(info.get("Containers").asInt()).isZero();
    assertThat(info.get("ContainersRunning").asInt()).isZero();
    assertThat(info.get("Images").asInt()).isZero();
    assertThat(info.get("ServerVersion").asText()).isEqualTo("28.2.2");
    assertThat(info.get("Swarm").get("LocalNodeState").asText()).isEqualTo("inactive");
    assertThat(info.get("OSType").asText()).isEqualTo("linux");
  }

  @Test
  void tooOldBelow124IsPlainText() {
    start(ApiProfile.modern());
    Response r = http.get("/v1.12/version");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("client version 1.12 is too old. Minimum supported API version is 1.24, "
        + "please upgrade your client to a newer version\n");
  }

  @Test
  void tooNewIsJson() {
    start(ApiProfile.modern());
    Response r = http.get("/v1.99/version");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(
        "{\"message\":\"client version 1.99 is too new. Maximum supported API version is 1.50\"}\n");
  }

  @Test
  void unknownRouteAndWrongMethodArePageNotFound() {
    start(ApiProfile.modern());
    for (Response r : List.of(http.get("/v1.50/nothing/here"), http.delete("/v1.50/version"))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.text()).isEqualTo("{\"message\":\"page not found\"}\n");
    }
  }

  @Test
  void modernProfileDoesNotServeTheEra() {
    start(ApiProfile.modern());
    Response r = http.get("/v1.2/version");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).startsWith("client version 1.2 is too old.");
  }

  @Test
  void eraProfileIsUnchangedAndStillTheDefault() {
    docker = MockDocker.builder().fixtures(Fixtures.none()).start();
    http = new RawHttp(docker.uri());
    assertThat(docker.profile()).isEqualTo(ApiProfile.era());
    Response r = http.get("/v1.44/version");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(r.body()).isEmpty();
    assertThat(http.get("/_ping").header("Api-Version")).isEqualTo("1.2");
    assertThat(http.get("/version").text()).isEqualTo("{\"Version\":\"0.4.4\",\"GitCommit\":\"02f0c1e\",\"GoVersion\":\"go1.1.1\"}");
  }

  @Test
  void allProfileRoutesEachVersionToItsView() throws Exception {
    start(ApiProfile.all());
    assertThat(http.get("/v1.2/version").text()).contains("\"Version\":\"0.4.4\"");
    assertThat(http.get("/v1.0/version").text()).contains("\"Version\":\"0.4.4\"");
    assertThat(JSON.readTree(http.get("/v1.44/version").body()).get("Version").asText()).isEqualTo("28.2.2");
    assertThat(JSON.readTree(http.get("/version").body()).get("Version").asText()).isEqualTo("28.2.2");
    assertThat(http.get("/_ping").header("Api-Version")).isEqualTo("1.50");
    assertThat(http.get("/v1.12/version").status()).isEqualTo(400);
  }

  @Test
  void allProfileWithTheEraAsDefault() {
    start(ApiProfile.all().withDefaultVersion("1.2"));
    assertThat(http.get("/version").text()).contains("\"Version\":\"0.4.4\"");
    assertThat(http.get("/_ping").header("Api-Version")).isEqualTo("1.2");
    assertThat(http.get("/v1.50/_ping").header("Api-Version")).isEqualTo("1.50");
  }

  @Test
  void profilesByName() {
    assertThat(ApiProfile.named("MODERN")).isEqualTo(ApiProfile.modern());
    assertThat(ApiProfile.named("era").defaultVersion()).isEqualTo("1.2");
    assertThat(ApiProfile.named("all").defaultVersion()).isEqualTo("1.50");
    assertThatThrownBy(() -> ApiProfile.named("newest")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown profile newest (era, modern or all)");
    assertThatThrownBy(() -> ApiProfile.modern().withDefaultVersion("1.2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the modern profile does not serve API 1.2");
    assertThat(ApiProfile.modern().withDefaultVersion("1.44").defaultVersion()).isEqualTo("1.44");
  }
}
