package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /images/(name)/insert: a file from a URL in a new layer, through a helper container. */
class InsertTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BASE = Fixed.id('b');
  static final String URL = "http://example.com/hello.txt";
  static final Pattern SUCCESS = Pattern.compile(
      "\\{\"status\":\"Downloading\",\"progress\":\"6 B/6 B \\(100%\\)\"}\\{}"
          + "\\{\"status\":\"([0-9a-f]{64})\"}\\{\"Id\":\"([0-9a-f]{12})\"}");

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(RemoteImage.builder(BASE).comment("Imported from -").author("someone")
            .file("/etc/hostname", "base\n").build())
        .tag("base", "latest", BASE)
        .url(URL, "hello\n".getBytes(StandardCharsets.UTF_8));
    docker.preload("base");
    http = daemon.http();
  }

  Response insert(String version, String name, String url, String path) {
    return http.post(version + "/images/" + name + "/insert?url=" + url + "&path=" + path);
  }

  @Test
  void insert_streams_the_download_then_the_new_id_then_the_short_id() {
    Response r = insert("/v1.2", "base", URL, "/srv/hello.txt");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isTrue();
    Matcher m = SUCCESS.matcher(r.text());
    assertThat(m.matches()).as(r.text()).isTrue();
    assertThat(m.group(1)).startsWith(m.group(2));
  }

  @Test
  void the_new_image_sits_on_the_source_with_the_helper_container_and_no_config() throws Exception {
    Response r = insert("/v1.2", "base", URL, "/srv/hello.txt");
    Matcher m = SUCCESS.matcher(r.text());
    assertThat(m.matches()).isTrue();
    String id = m.group(1);
    Image image = Engines.of(docker).inspectImage(m.group(2));
    assertThat(image.id()).isEqualTo(id);
    assertThat(image.parent()).isEqualTo(BASE);
    assertThat(image.config()).isNull();
    assertThat(image.comment()).isEqualTo("Imported from -");
    assertThat(image.author()).isEqualTo("someone");
    List<Container> containers = Engines.of(docker).containers().all();
    assertThat(containers).hasSize(1);
    Container helper = containers.get(0);
    assertThat(image.container()).isEqualTo(helper.id());
    assertThat(helper.image()).isEqualTo(BASE);
    assertThat(helper.path()).isEqualTo("echo");
    assertThat(helper.args()).containsExactly("insert", URL, "/srv/hello.txt");

    JsonNode json = JSON.readTree(http.get("/v1.2/images/" + id + "/json").body());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("id", "parent", "comment", "created", "container", "container_config",
        "docker_version", "author", "architecture", "Size");
    JsonNode cc = json.get("container_config");
    assertThat(cc.get("Image").asText()).isEqualTo(BASE);
    assertThat(cc.get("AttachStdout").asBoolean()).isTrue();
    assertThat(cc.get("AttachStderr").asBoolean()).isTrue();
    assertThat(cc.get("Cmd").toString()).isEqualTo("[\"echo\",\"insert\",\"" + URL + "\",\"/srv/hello.txt\"]");
    assertThat(json.get("docker_version").asText()).isEqualTo("0.4.4");

    JsonNode history = JSON.readTree(http.get("/v1.2/images/" + id + "/history").body());
    assertThat(history.get(0).get("CreatedBy").asText()).isEqualTo("echo insert " + URL + " /srv/hello.txt");
  }

  @Test
  void the_file_is_in_the_new_layer_only() throws Exception {
    Matcher m = SUCCESS.matcher(insert("/v1.2", "base", URL, "/srv/hello.txt").text());
    assertThat(m.matches()).isTrue();
    assertThat(Files.readString(Engines.of(docker).layer(m.group(1)).resolve("srv/hello.txt"))).isEqualTo("hello\n");
    assertThat(Files.exists(Engines.of(docker).layer(BASE).resolve("srv/hello.txt"))).isFalse();
  }

  @Test
  void the_helper_container_stays_listed_as_exited() throws Exception {
    insert("/v1.2", "base", URL, "/srv/hello.txt");
    assertThat(Engines.of(docker).containers().all()).hasSize(1);
    assertThat(Engines.of(docker).containerCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1.0", "/v1.1", "/v1.2"})
  void an_unknown_image_is_swallowed_into_an_empty_id(String version) {
    Response r = insert(version, "nope", URL, "/srv/hello.txt");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isFalse();
    assertThat(r.header("Content-Length")).isEqualTo("9");
    assertThat(r.text()).isEqualTo("{\"Id\":\"\"}");
    assertThat(Engines.of(docker).containers().all()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1.0", "/v1.1", "/v1.2"})
  void an_unknown_url_is_swallowed_into_an_empty_id(String version) {
    Response r = insert(version, "base", "http://example.com/nope", "/srv/x");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"Id\":\"\"}");
    // the download comes before the helper container
    assertThat(Engines.of(docker).containers().all()).isEmpty();
    assertThat(Engines.of(docker).allImages()).hasSize(1);
  }

  @Test
  void v1_0_insert_streams_raw_text_then_the_json_id() {
    Response r = insert("/v1.0", "base", URL, "/srv/hello.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).matches("Downloading 6 B/6 B \\(100%\\)\r\r\n[0-9a-f]{64}\r\n\\{\"Id\":\"[0-9a-f]{12}\"}");
  }

  @Test
  void v1_1_insert_is_the_json_stream() {
    Response r = insert("/v1.1", "base:latest", URL, "/srv/hello.txt");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(SUCCESS.matcher(r.text()).matches()).as(r.text()).isTrue();
  }

  @Test
  void insert_accepts_an_id_prefix_and_names_with_slashes() {
    assertThat(SUCCESS.matcher(insert("/v1.2", BASE.substring(0, 6), URL, "/a").text()).matches()).isTrue();
    Engines.of(docker).tag(BASE, "user/base", "latest");
    assertThat(SUCCESS.matcher(insert("/v1.2", "user/base", URL, "/b").text()).matches()).isTrue();
  }
}
