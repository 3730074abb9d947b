package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET/POST /auth by version, GET /version and GET /info. */
class AuthAndSystemTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GOOD = "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}";
  static final String EMPTY_AUTH = "{\"username\":\"\",\"password\":\"\",\"email\":\"\"}";
  static final String SUCCEEDED = "{\"Status\":\"Login Succeeded\\n\"}";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry().account("mock", "mock", "mock@example.com");
    http = daemon.http();
  }

  Response login(String version, String body) {
    return http.post(version + "/auth", "application/json", body);
  }

  // ------------------------------------------------------------------ GET /auth

  @ParameterizedTest
  @ValueSource(strings = {"/v1.0", "/v1.1", "/v1.000000"})
  void get_auth_up_to_1_1_answers_empty_strings_when_nothing_is_stored(String version) {
    Response r = http.get(version + "/auth");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(EMPTY_AUTH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1.2", ""})
  void get_auth_on_1_2_is_an_empty_404(String version) {
    Response r = http.get(version + "/auth");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Length")).isEqualTo("0");
  }

  // ------------------------------------------------------------------ POST /auth, 1.2

  @Test
  void v1_2_login_with_the_fixture_account_succeeds_with_a_trailing_newline() {
    Response r = login("/v1.2", GOOD);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(SUCCEEDED);
  }

  @Test
  void v1_2_login_only_checks_and_stores_nothing() {
    login("/v1.2", GOOD);
    assertThat(http.get("/v1.1/auth").text()).isEqualTo(EMPTY_AUTH);
  }

  @Test
  void v1_2_wrong_password_is_a_500() {
    Response r = login("/v1.2", "{\"username\":\"mock\",\"password\":\"nope\",\"email\":\"mock@example.com\"}");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("Wrong login/password, please try again\n");
  }

  @Test
  void v1_2_a_new_user_with_email_gets_an_account() {
    Response r = login("/v1.2", "{\"username\":\"newbie\",\"password\":\"pw\",\"email\":\"newbie@example.com\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"Status\":\"Account created. Please use the confirmation link we sent to your"
        + " e-mail to activate it.\\n\"}");
    assertThat(docker.registry().accounts()).contains(new Registry.Account("newbie", "pw", "newbie@example.com"));
    assertThat(login("/v1.2", "{\"username\":\"newbie\",\"password\":\"pw\",\"email\":\"newbie@example.com\"}").text())
        .isEqualTo(SUCCEEDED);
  }

  @Test
  void login_keys_match_case_insensitively() {
    assertThat(login("/v1.2", "{\"UserName\":\"mock\",\"PASSWORD\":\"mock\",\"Email\":\"mock@example.com\"}").text())
        .isEqualTo(SUCCEEDED);
  }

  @Test
  void an_empty_or_broken_body_is_a_500_with_the_decoder_text() {
    assertThat(login("/v1.2", "").text()).isEqualTo("EOF\n");
    assertThat(login("/v1.2", "").status()).isEqualTo(500);
    assertThat(login("/v1.1", "{\"username\":").text()).isEqualTo("unexpected EOF\n");
  }

  // ------------------------------------------------------------------ POST /auth, <= 1.1

  @Test
  void v1_1_login_stores_the_config_and_get_auth_shows_it_without_password() {
    assertThat(login("/v1.1", GOOD).text()).isEqualTo(SUCCEEDED);
    Response r = http.get("/v1.1/auth");
    assertThat(r.text()).isEqualTo("{\"username\":\"mock\",\"password\":\"\",\"email\":\"mock@example.com\"}");
    assertThat(http.get("/v1.0/auth").text()).isEqualTo(r.text());
  }

  @Test
  void v1_0_same_username_reuses_the_stored_password() {
    login("/v1.0", GOOD);
    Response r = login("/v1.0", "{\"username\":\"mock\",\"password\":\"\",\"email\":\"mock@example.com\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(SUCCEEDED);
  }

  @Test
  void v1_1_login_with_an_empty_email_deletes_the_stored_config() {
    login("/v1.1", GOOD);
    Response r = login("/v1.1", "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"\"}");
    assertThat(r.text()).isEqualTo(SUCCEEDED);
    assertThat(http.get("/v1.1/auth").text()).isEqualTo(EMPTY_AUTH);
  }

  @Test
  void v1_1_a_wrong_password_fails_but_is_stored_anyway() {
    Response r = login("/v1.1", "{\"username\":\"mock\",\"password\":\"nope\",\"email\":\"mock@example.com\"}");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("Wrong login/password, please try again\n");
    assertThat(http.get("/v1.1/auth").text())
        .isEqualTo("{\"username\":\"mock\",\"password\":\"\",\"email\":\"mock@example.com\"}");
  }

  // ------------------------------------------------------------------ /version and /info

  @ParameterizedTest
  @ValueSource(strings = {"/v1.0", "/v1.1", "/v1.2", ""})
  void version_is_the_same_exact_bytes_for_every_prefix(String version) {
    Response r = http.get(version + "/version");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    byte[] expected = "{\"Version\":\"0.4.4\",\"GitCommit\":\"02f0c1e\",\"GoVersion\":\"go1.1.1\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(r.body()).isEqualTo(expected);
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(expected.length));
    assertThat(r.chunked()).isFalse();
  }

  static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void info_lists_its_keys_in_struct_order_and_omits_a_false_swap_limit() throws Exception {
    Response r = http.get("/v1.2/info");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode info = JSON.readTree(r.body());
    assertThat(keys(info)).containsExactly("Debug", "Containers", "Images", "NFd", "NGoroutines", "MemoryLimit");
    String debug = System.getenv("DEBUG");
    assertThat(info.get("Debug").asBoolean()).isEqualTo(debug != null && !debug.isEmpty());
    assertThat(info.get("Containers").asInt()).isZero();
    assertThat(info.get("Images").asInt()).isZero();
    assertThat(info.get("NFd").isInt()).isTrue();
    assertThat(info.get("NGoroutines").asInt()).isPositive();
    assertThat(info.get("MemoryLimit").asBoolean()).isTrue();
    assertThat(r.text()).startsWith("{\"Debug\":" + info.get("Debug").asBoolean() + ",\"Containers\":0,\"Images\":0,");
  }

  @Test
  void info_counts_every_layer_and_every_container() throws Exception {
    String base = Fixed.id('a');
    String top = Fixed.id('c');
    docker.registry()
        .image(RemoteImage.builder(base).file("/etc/hostname", "x\n").build())
        .image(RemoteImage.builder(top).parent(base).file("/srv/y", "y\n").build())
        .tag("app", "latest", top)
        .url("http://example.com/f", "f".getBytes(StandardCharsets.UTF_8));
    http.post("/v1.2/images/create?fromImage=app");
    JsonNode afterPull = JSON.readTree(http.get("/v1.2/info").body());
    assertThat(afterPull.get("Images").asInt()).isEqualTo(2);
    assertThat(afterPull.get("Containers").asInt()).isZero();

    Engines.of(docker).insert("app", "http://example.com/f", "/f", ProgressSink.NONE);
    JsonNode afterInsert = JSON.readTree(http.get("/v1.0/info").body());
    assertThat(afterInsert.get("Images").asInt()).isEqualTo(3);
    assertThat(afterInsert.get("Containers").asInt()).isEqualTo(1);

    http.delete("/v1.1/images/" + top);
    assertThat(JSON.readTree(http.get("/info").body()).get("Images").asInt()).isEqualTo(2);
    // the helper container outlives every image
    assertThat(JSON.readTree(http.get("/info").body()).get("Containers").asInt()).isEqualTo(1);
  }
}
