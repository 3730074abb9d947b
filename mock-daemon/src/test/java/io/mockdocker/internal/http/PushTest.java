package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.registry.Registry;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /images/(name)/push: credentials by version, the message sequence, and what lands in the registry. */
class PushTest {
  static final String BASE = Fixed.id('b');
  static final String GOOD = "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}";
  static final String BAD = "{\"username\":\"mock\",\"password\":\"wrong\",\"email\":\"mock@example.com\"}";
  static final String EP = Registry.DEFAULT_ENDPOINT;

  Registry registry;
  MockDocker docker;
  RawHttp http;
  /** mock/app:latest, a layer made by insert on top of base. */
  String app;

  @BeforeEach
  void start() {
    registry = new Registry()
        .image(RemoteImage.builder(BASE).file("/etc/hostname", "base\n").build())
        .tag("base", "latest", BASE)
        .account("mock", "mock", "mock@example.com")
        .url("http://example.com/app.txt", "app\n".getBytes(StandardCharsets.UTF_8));
    docker = MockDocker.builder().fixtures(Fixtures.none()).registry(registry).start();
    docker.preload("base");
    String shortApp = Engines.of(docker).insert("base", "http://example.com/app.txt", "/srv/app.txt", ProgressSink.NONE);
    app = Engines.of(docker).inspectImage(shortApp).id();
    Engines.of(docker).tag(app, "mock/app", "latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  static String status(String text) {
    return "{\"status\":\"" + text + "\"}";
  }

  static String progress(String text) {
    return "{\"status\":\"Pushing\",\"progress\":\"" + text + "\"}";
  }

  static String tags(String id, String repo, String tag) {
    return status("Pushing tags for rev [" + id + "] on {" + EP + "/repositories/" + repo + "/tags/" + tag + "}");
  }

  Response push(String version, String name, String body) {
    return http.post(version + "/images/" + name + "/push", "plain/text", body);
  }

  /** The expected stream for the first push of mock/app: base is already on the registry, the app layer is not. */
  String firstPushOfApp() {
    return status("The push refers to a repository [mock/app] (len: 1)")
        + status("Processing checksums")
        + status("Sending image list")
        + status("Pushing repository mock/app to " + EP + " (1 tags)")
        + status("Pushing " + BASE)
        + status("Image " + BASE + " already uploaded ; skipping")
        + tags(BASE, "mock/app", "latest")
        + status("Pushing " + app)
        // the layer tar (./, ./srv/, ./srv/app.txt) is padded to tar's 10240-byte record
        + progress("10.24 kB/10.24 kB (100%)")
        + progress("10.24 kB/10.24 kB (100%)")
        + "{}"
        + tags(app, "mock/app", "latest");
  }

  @Test
  void v1_2_push_with_good_credentials_streams_the_v0_4_4_sequence() {
    Response r = push("/v1.2", "mock/app", GOOD);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isTrue();
    assertThat(r.text()).isEqualTo(firstPushOfApp());
    assertThat(registry.tags("mock/app")).hasValue(Map.of("latest", app));
    assertThat(registry.findImage(app)).isPresent();
  }

  @Test
  void a_second_push_finds_every_layer_already_uploaded() {
    push("/v1.2", "mock/app", GOOD);
    Response r = push("/v1.2", "mock/app", GOOD);
    assertThat(r.text()).isEqualTo(status("The push refers to a repository [mock/app] (len: 1)")
        + status("Processing checksums")
        + status("Sending image list")
        + status("Pushing repository mock/app to " + EP + " (1 tags)")
        + status("Pushing " + BASE)
        + status("Image " + BASE + " already uploaded ; skipping")
        + tags(BASE, "mock/app", "latest")
        + status("Pushing " + app)
        + status("Image " + app + " already uploaded ; skipping")
        + tags(app, "mock/app", "latest"));
  }

  @Test
  void a_pushed_image_can_be_pulled_by_another_daemon_on_the_same_registry() throws Exception {
    push("/v1.2", "mock/app", GOOD);
    try (MockDocker other = MockDocker.builder().fixtures(Fixtures.none()).registry(registry).start()) {
      Response pull = new RawHttp(other.uri()).post("/v1.2/images/create?fromImage=mock/app");
      // the registry lists base (pushed first, its tag then moved to the app layer) and the app layer
      assertThat(pull.text()).startsWith(status("Pulling repository mock/app from https://index.docker.io/v1"))
          .contains(status("Pulling image " + BASE + " () from mock/app"))
          .contains(status("Pulling image " + app + " (latest) from mock/app") + status("Pulling " + app + " metadata"));
      Image pulled = Engines.of(other).inspectImage("mock/app");
      assertThat(pulled.id()).isEqualTo(app);
      assertThat(pulled.parent()).isEqualTo(BASE);
      assertThat(pulled.comment()).isEqualTo(Engines.of(docker).inspectImage(app).comment());
      assertThat(Files.readString(Engines.of(other).layer(app).resolve("srv/app.txt"))).isEqualTo("app\n");
    }
  }

  @Test
  void an_imported_image_is_pushed_as_the_archive_it_was_imported_from() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(Fixed.tar(Map.of("./etc/motd", "imported\n")));
    }
    byte[] body = gz.toByteArray();
    Response imported = http.post("/v1.2/images/create?fromSrc=-&repo=mock/imp", "application/octet-stream", body);
    String id = Engines.of(docker).inspectImage(imported.text().substring(11, 23)).id();
    Response r = push("/v1.2", "mock/imp", GOOD);
    assertThat(r.text()).isEqualTo(status("The push refers to a repository [mock/imp] (len: 1)")
        + status("Processing checksums")
        + status("Sending image list")
        + status("Pushing repository mock/imp to " + EP + " (1 tags)")
        + status("Pushing " + id)
        + progress(body.length + " B/" + body.length + " B (100%)")
        + "{}"
        + tags(id, "mock/imp", "latest"));
    try (MockDocker other = MockDocker.builder().fixtures(Fixtures.none()).registry(registry).start()) {
      other.preload("mock/imp");
      assertThat(Files.readString(Engines.of(other).layer(id).resolve("etc/motd"))).isEqualTo("imported\n");
    }
  }

  @Test
  void bad_credentials_fail_inside_the_stream_after_sending_the_image_list() {
    Response r = push("/v1.2", "mock/app", BAD);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(status("The push refers to a repository [mock/app] (len: 1)")
        + status("Processing checksums")
        + status("Sending image list")
        + "{\"error\":\"Error: Status 401 trying to push repository mock/app: {\\\"error\\\": \\\"Unauthorized\\\"}\"}");
    assertThat(registry.tags("mock/app")).isEmpty();
  }

  @Test
  void pushing_into_another_namespace_is_refused_with_a_403() {
    Engines.of(docker).tag(app, "other/app", "latest");
    Response r = push("/v1.2", "other/app", GOOD);
    assertThat(r.text()).endsWith(status("Sending image list")
        + "{\"error\":\"Error: Status 403 trying to push repository other/app: {\\\"error\\\": \\\"Access Denied\\\"}\"}");
  }

  @Test
  void an_unknown_name_is_a_200_with_the_repository_line_then_no_such_id() {
    Response r = push("/v1.2", "x", GOOD);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(
        "{\"status\":\"The push refers to a repository [x] (len: 0)\"}{\"error\":\"No such id: x\"}");
  }

  @Test
  void v1_2_reads_the_credentials_from_the_body_so_an_empty_body_is_a_500_eof() {
    Response r = push("/v1.2", "mock/app", "");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("EOF\n");
    Response junk = push("/v1.2", "mock/app", "xyz");
    assertThat(junk.text()).isEqualTo("invalid character 'x' looking for beginning of value\n");
  }

  @Test
  void v1_2_ignores_credentials_stored_by_an_older_login() {
    assertThat(http.post("/v1.1/auth", "application/json", GOOD).status()).isEqualTo(200);
    Response r = push("/v1.2", "mock/app", "{}");
    assertThat(r.text()).contains("Error: Status 401");
  }

  @Test
  void v1_1_uses_the_credentials_stored_by_post_auth_and_ignores_the_body() {
    Response before = push("/v1.1", "mock/app", GOOD);
    assertThat(before.text()).endsWith(status("Sending image list")
        + "{\"error\":\"Error: Status 401 trying to push repository mock/app: {\\\"error\\\": \\\"Unauthorized\\\"}\"}");
    Response login = http.post("/v1.1/auth", "application/json", GOOD);
    assertThat(login.text()).isEqualTo("{\"Status\":\"Login Succeeded\\n\"}");
    Response r = push("/v1.1", "mock/app", "");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo(firstPushOfApp());
  }

  @Test
  void v1_0_push_streams_raw_text() {
    http.post("/v1.0/auth", "application/json", GOOD);
    Response r = push("/v1.0", "mock/app", "");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).isEqualTo("The push refers to a repository [mock/app] (len: 1)\r\n"
        + "Processing checksums\r\n"
        + "Sending image list\r\n"
        + "Pushing repository mock/app to " + EP + " (1 tags)\r\n"
        + "Pushing " + BASE + "\r\n"
        + "Image " + BASE + " already uploaded ; skipping\r\n"
        + "Pushing tags for rev [" + BASE + "] on {" + EP + "/repositories/mock/app/tags/latest}\r\n"
        + "Pushing " + app + "\r\n"
        + "Pushing 10.24 kB/10.24 kB (100%)\r"
        + "Pushing 10.24 kB/10.24 kB (100%)\r"
        + "\r\n"
        + "Pushing tags for rev [" + app + "] on {" + EP + "/repositories/mock/app/tags/latest}\r\n");
  }

  @Test
  void v1_0_unknown_name_ends_with_an_error_line() {
    Response r = push("/v1.0", "x", "");
    assertThat(r.text()).isEqualTo("The push refers to a repository [x] (len: 0)\r\nError: No such id: x\r\n");
  }

  @Test
  void every_tag_of_the_repository_is_counted_but_only_new_layers_carry_a_tag() {
    Engines.of(docker).tag(BASE, "mock/app", "base");
    Response r = push("/v1.2", "mock/app", GOOD);
    // tags are walked in order (base, latest): base reaches BASE first, latest only reaches the app layer
    assertThat(r.text()).contains(status("Pushing repository mock/app to " + EP + " (2 tags)"))
        .contains(tags(BASE, "mock/app", "base"))
        .contains(tags(app, "mock/app", "latest"));
    assertThat(registry.tags("mock/app")).hasValue(Map.of("base", BASE, "latest", app));
  }

  @Test
  void pushing_an_image_id_without_registry_fails_after_announcing_the_layer() {
    Response r = push("/v1.2", app.substring(0, 12), GOOD);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(status("The push refers to an image: [" + app.substring(0, 12) + "]")
        + status("Pushing " + app)
        + "{\"error\":\"Failed to upload metadata: Put https:///v1/images/" + app
        + "/json: http: no Host in request URL\"}");
  }

  @Test
  void pushing_an_image_id_to_a_registry_uploads_the_layer_without_tags() {
    Response r = http.post("/v1.2/images/" + app + "/push?registry=" + EP, "plain/text", GOOD);
    assertThat(r.text()).isEqualTo(status("The push refers to an image: [" + app + "]")
        + status("Pushing " + app)
        + progress("10.24 kB/10.24 kB (100%)")
        + progress("10.24 kB/10.24 kB (100%)")
        + "{}");
    assertThat(registry.findImage(app)).isPresent();
    assertThat(registry.repositoryNames()).containsExactly("base");
  }

  @Test
  void push_messages_arrive_one_per_chunk() {
    Response r = push("/v1.2", "mock/app", GOOD);
    List<String> chunks = r.chunks().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
    assertThat(chunks.get(0)).isEqualTo(status("The push refers to a repository [mock/app] (len: 1)"));
    assertThat(chunks).hasSize(12);
  }
}
