package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PullTest {
  static final String A = Fixed.id('a');
  static final String B = Fixed.id('b');

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(Fixed.image(B, "", 5000, "./etc/base", "base\n"))
        .image(Fixed.image(A, B, 102400, "./srv/app", "app\n"))
        .tag("test/app", "latest", A);
    http = daemon.http();
  }

  static List<String> chunks(Response r) {
    return r.chunks().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void pull_on_v1_2_streams_each_json_message_in_its_own_chunk() {
    Response r = http.post("/v1.2/images/create?fromImage=test/app");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isTrue();
    assertThat(chunks(r)).containsExactly(
        "{\"status\":\"Pulling repository test/app from https://index.docker.io/v1\"}",
        "{\"status\":\"Pulling image " + A + " (latest) from test/app\"}",
        "{\"status\":\"Pulling " + A + " metadata\"}",
        "{\"status\":\"Pulling " + A + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"32.77 kB/102.4 kB (32%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"65.54 kB/102.4 kB (64%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"98.3 kB/102.4 kB (96%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"102.4 kB/102.4 kB (100%)\"}",
        "{}",
        "{\"status\":\"Pulling " + B + " metadata\"}",
        "{\"status\":\"Pulling " + B + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"5 kB/5 kB (100%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"5 kB/5 kB (100%)\"}",
        "{}",
        "{\"status\":\"Pulling image " + B + " () from test/app\"}");
  }

  @Test
  void pull_on_v1_0_streams_raw_text() {
    Response r = http.post("/v1.0/images/create?fromImage=test/app&tag=latest");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo(
        "Pulling repository test/app from https://index.docker.io/v1\r\n"
            + "Pulling image " + A + " (latest) from test/app\r\n"
            + "Pulling " + A + " metadata\r\n"
            + "Pulling " + A + " fs layer\r\n"
            + "Downloading 32.77 kB/102.4 kB (32%)\r"
            + "Downloading 65.54 kB/102.4 kB (64%)\r"
            + "Downloading 98.3 kB/102.4 kB (96%)\r"
            + "Downloading 102.4 kB/102.4 kB (100%)\r"
            + "\r\n"
            + "Pulling " + B + " metadata\r\n"
            + "Pulling " + B + " fs layer\r\n"
            + "Downloading 5 kB/5 kB (100%)\r"
            + "Downloading 5 kB/5 kB (100%)\r"
            + "\r\n");
  }

  @Test
  void pull_tags_the_image_and_a_second_pull_skips_present_layers() {
    http.post("/v1.2/images/create?fromImage=test/app&tag=latest");
    assertThat(Engines.of(docker).inspectImage("test/app").id()).isEqualTo(A);
    assertThat(Engines.of(docker).inspectImage("test/app:latest").parent()).isEqualTo(B);
    Response again = http.post("/v1.2/images/create?fromImage=test/app&tag=latest");
    assertThat(again.text()).isEqualTo(
        "{\"status\":\"Pulling repository test/app from https://index.docker.io/v1\"}"
            + "{\"status\":\"Pulling image " + A + " (latest) from test/app\"}");
  }

  @Test
  void pulled_layers_hold_the_registry_files() throws Exception {
    http.post("/v1.2/images/create?fromImage=test/app");
    java.nio.file.Path layer = Engines.of(docker).layer(A);
    assertThat(java.nio.file.Files.readString(layer.resolve("srv/app"))).isEqualTo("app\n");
  }

  @Test
  void pulling_an_unknown_repository_is_a_200_with_an_error_in_the_stream() {
    Response r = http.post("/v1.2/images/create?fromImage=nosuch");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(
        "{\"status\":\"Pulling repository nosuch from https://index.docker.io/v1\"}{\"error\":\"HTTP code: 404\"}");
  }

  @Test
  void pulling_an_unknown_repository_on_v1_0_ends_with_an_error_line() {
    Response r = http.post("/v1.0/images/create?fromImage=nosuch");
    assertThat(r.text()).isEqualTo(
        "Pulling repository nosuch from https://index.docker.io/v1\r\nError: HTTP code: 404\r\n");
  }

  @Test
  void pulling_an_unknown_tag_names_the_repository_with_the_era_typo() {
    Response r = http.post("/v1.2/images/create?fromImage=test/app&tag=nope");
    assertThat(r.text()).endsWith("{\"error\":\"Tag nope not found in repositoy test/app\"}");
  }

  @Test
  void the_modern_qualified_name_is_pulled_as_the_bare_name() {
    Response r = http.post("/v1.2/images/create?fromImage=docker.io%2Ftest%2Fapp&tag=latest");
    assertThat(r.text()).startsWith(
        "{\"status\":\"Pulling repository test/app from https://index.docker.io/v1\"}");
    assertThat(Engines.of(docker).inspectImage("test/app:latest").id()).isEqualTo(A);
  }

  @Test
  void pulling_from_a_registry_endpoint_pulls_one_image_by_id_without_tagging() {
    Response r = http.post("/v1.2/images/create?fromImage=" + B + "&registry=registry-1.docker.io");
    assertThat(chunks(r)).containsExactly(
        "{\"status\":\"Pulling " + B + " metadata\"}",
        "{\"status\":\"Pulling " + B + " fs layer\"}",
        "{\"status\":\"Downloading\",\"progress\":\"5 kB/5 kB (100%)\"}",
        "{\"status\":\"Downloading\",\"progress\":\"5 kB/5 kB (100%)\"}",
        "{}");
    assertThat(Engines.of(docker).repositories()).isEmpty();
  }

  @Test
  void a_form_encoded_body_carries_the_parameters() {
    Response r = http.post("/v1.2/images/create", "application/x-www-form-urlencoded",
        "fromImage=test%2Fapp&tag=latest");
    assertThat(r.text()).startsWith("{\"status\":\"Pulling repository test/app from");
  }
}
