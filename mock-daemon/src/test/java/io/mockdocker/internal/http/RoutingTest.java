package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutingTest {
  static MockDocker docker;
  static MockDocker corsDocker;
  static RawHttp http;
  static RawHttp corsHttp;

  @BeforeAll
  static void start() {
    docker = MockDocker.builder().fixtures(Fixtures.none()).start();
    corsDocker = MockDocker.builder().fixtures(Fixtures.none()).enableCors().start();
    http = new RawHttp(docker.uri());
    corsHttp = new RawHttp(corsDocker.uri());
  }

  @AfterAll
  static void stop() {
    docker.close();
    corsDocker.close();
  }

  @Test
  void unknown_path_gets_the_mux_404_text() {
    Response r = http.get("/nothing/here");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("404 page not found\n");
  }

  @Test
  void wrong_method_is_a_404_not_a_405() {
    Response r = http.post("/version");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("404 page not found\n");
  }

  @Test
  void trailing_slash_is_not_routed() {
    assertThat(http.get("/version/").text()).isEqualTo("404 page not found\n");
  }

  @Test
  void a_version_above_1_2_gets_an_empty_404() {
    Response r = http.get("/v1.3/version");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Content-Length")).isEqualTo("0");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void version_zero_gets_an_empty_404() {
    assertThat(http.get("/v0/version").status()).isEqualTo(404);
    assertThat(http.get("/v0.0/version").body()).isEmpty();
  }

  @Test
  void the_0_3_3_cli_prefix_v1_000000_is_served() {
    Response r = http.get("/v1.000000/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"Version\":\"0.4.4\",\"GitCommit\":\"02f0c1e\",\"GoVersion\":\"go1.1.1\"}");
  }

  @Test
  void an_unparsable_version_means_the_latest() {
    assertThat(http.get("/v1.2.3/version").status()).isEqualTo(200);
    assertThat(http.get("/v./version").status()).isEqualTo(200);
    assertThat(http.get("/v0.5/version").status()).isEqualTo(200);
  }

  @Test
  void a_version_segment_with_letters_is_not_routed() {
    assertThat(http.get("/vabc/version").text()).isEqualTo("404 page not found\n");
  }

  @Test
  void an_uncleaned_path_is_redirected_without_its_query() {
    Response r = http.get("/v1.2//images/./json?all=1");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/v1.2/images/json");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void dot_dot_segments_are_redirected() {
    Response r = http.get("/images/../version");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/version");
  }

  @Test
  void options_on_any_path_is_200_and_empty() {
    Response r = http.send("OPTIONS", "/whatever/at/all", null, new byte[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void cors_headers_are_on_routed_responses_when_enabled() {
    Response r = corsHttp.get("/v1.2/version");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.header("Access-Control-Allow-Headers"))
        .isEqualTo("Origin, X-Requested-With, Content-Type, Accept");
    assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, DELETE, PUT, OPTIONS");
  }

  @Test
  void cors_headers_are_on_the_version_404_but_not_on_the_mux_404() {
    assertThat(corsHttp.get("/v9/version").header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(corsHttp.get("/nothing").header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void cors_headers_are_absent_by_default() {
    assertThat(http.get("/version").header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void ping_answers_ok_with_the_api_version_for_modern_clients() {
    Response get = http.get("/_ping");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.text()).isEqualTo("OK");
    assertThat(get.header("Api-Version")).isEqualTo("1.2");
    Response head = http.send("HEAD", "/_ping", null, new byte[0]);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Api-Version")).isEqualTo("1.2");
  }

  @Test
  void responses_carry_a_date_and_no_connection_keep_alive_header() {
    // a keep-alive request (HTTP/1.1 without Connection: close): Go 1.1's net/http kept the connection open without
    // saying so, where Undertow would add "Connection: keep-alive" unless told not to
    Response r = http.sendRaw("GET /version HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        new byte[0], false);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Date")).isNotBlank();
    assertThat(r.header("Content-Length")).isEqualTo("63");
    assertThat(r.header("Connection")).as("the Connection header").isNull();
  }

  @Test
  void keep_alive_serves_several_requests_on_one_connection() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", docker.port())) {
      s.setSoTimeout(5000);
      String req = "GET /version HTTP/1.1\r\nHost: x\r\n\r\n";
      s.getOutputStream().write((req + req).getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[4096];
      StringBuilder seen = new StringBuilder();
      while (seen.toString().split("0.4.4", -1).length < 3) {
        int n = s.getInputStream().read(buf);
        if (n < 0) {
          break;
        }
        seen.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
      }
      assertThat(seen.toString()).containsSubsequence("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
    }
  }
}
