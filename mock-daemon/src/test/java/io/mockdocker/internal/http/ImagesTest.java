package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** List, inspect, history, tag, viz, search and getCache over a small hand-made graph. */
class ImagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String BASE = Fixed.id('1');
  static final String MID = Fixed.id('2');
  static final String TOP = Fixed.id('3');

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(RemoteImage.builder(BASE).created(OffsetDateTime.parse("2013-03-23T22:24:18.818426-07:00"))
            .comment("Imported from -").file("/etc/hostname", "base\n").build())
        .image(RemoteImage.builder(MID).parent(BASE).created(OffsetDateTime.parse("2013-04-01T10:00:00Z"))
            .containerConfig(Config.builder().cmd("/bin/sh", "-c", "apt-get update").build())
            .dockerVersion("0.3.2").file("/var/lib/apt/x", "apt\n").build())
        .image(RemoteImage.builder(TOP).parent(MID).created(OffsetDateTime.parse("2013-05-01T10:00:00.5+02:00"))
            .config(Config.ofCmd("/bin/echo", "hi")).author("me").architecture("x86_64").declaredSize(100)
            .file("/srv/top", "0123456789").build())
        .tag("app", "latest", TOP)
        .tag("app", "v1", TOP)
        .tag("base", "latest", BASE)
        .describe("app", "An app <with> & stuff");
    docker.preload("app");
    docker.preload("base");
    http = daemon.http();
  }

  static JsonNode json(Response r) throws Exception {
    return JSON.readTree(r.body());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Layer sizes as the daemon walked them: 4096 per directory (the root too) plus file bytes. */
  static final long BASE_SIZE = 2 * 4096 + 5;          // /, /etc, hostname
  static final long MID_SIZE = 4 * 4096 + 4;           // /, /var, /var/lib, /var/lib/apt, x
  static final long TOP_SIZE = 100 + 2 * 4096 + 10;    // declared 100 + /, /srv, top

  @Test
  void list_shows_each_repo_tag_pair_with_sizes_and_hides_untagged_parents() throws Exception {
    Response r = http.get("/v1.2/images/json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("["
        + "{\"Repository\":\"app\",\"Tag\":\"latest\",\"Id\":\"" + TOP + "\",\"Created\":1367395200,\"Size\":"
        + TOP_SIZE + ",\"VirtualSize\":" + (TOP_SIZE + MID_SIZE + BASE_SIZE) + "},"
        + "{\"Repository\":\"app\",\"Tag\":\"v1\",\"Id\":\"" + TOP + "\",\"Created\":1367395200,\"Size\":"
        + TOP_SIZE + ",\"VirtualSize\":" + (TOP_SIZE + MID_SIZE + BASE_SIZE) + "},"
        + "{\"Repository\":\"base\",\"Tag\":\"latest\",\"Id\":\"" + BASE + "\",\"Created\":1364102658,\"Size\":"
        + BASE_SIZE + ",\"VirtualSize\":" + BASE_SIZE + "}]");
  }

  @Test
  void list_all_adds_untagged_images_without_repository_or_tag_keys() throws Exception {
    JsonNode list = json(http.get("/v1.2/images/json?all=1"));
    assertThat(list).hasSize(4);
    JsonNode untagged = list.get(3);
    assertThat(fieldNames(untagged)).containsExactly("Id", "Created", "Size", "VirtualSize");
    assertThat(untagged.get("Id").asText()).isEqualTo(MID);
    assertThat(untagged.get("VirtualSize").asLong()).isEqualTo(MID_SIZE + BASE_SIZE);
  }

  @Test
  void list_without_all_shows_untagged_heads() throws Exception {
    String shortId = Engines.of(docker).importImage("-",
        new java.io.ByteArrayInputStream(Fixed.tar(java.util.Map.of("./x", "x"))), "", "",
        io.mockdocker.internal.engine.ProgressSink.NONE);
    JsonNode list = json(http.get("/v1.2/images/json"));
    assertThat(list).hasSize(4);
    assertThat(list.get(3).get("Id").asText()).startsWith(shortId);
    assertThat(fieldNames(list.get(3))).containsExactly("Id", "Created", "Size", "VirtualSize");
  }

  @Test
  void list_filter_keeps_one_repository_and_no_untagged_images() throws Exception {
    JsonNode list = json(http.get("/images/json?filter=base&all=1"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("Repository").asText()).isEqualTo("base");
  }

  @Test
  void list_with_a_bad_boolean_is_a_400() {
    Response r = http.get("/images/json?all=yes");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("Bad parameter\n");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void booleans_accept_true_in_any_case() throws Exception {
    assertThat(json(http.get("/images/json?all=TRUE"))).hasSize(4);
    assertThat(json(http.get("/images/json?all=False"))).hasSize(3);
  }

  @Test
  void inspect_prints_the_stored_json_with_lowercase_keys_and_a_capital_size() throws Exception {
    Response r = http.get("/v1.2/images/app/json");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode img = json(r);
    assertThat(fieldNames(img)).containsExactly("id", "parent", "created", "container_config", "author",
        "config", "architecture", "Size");
    assertThat(img.get("created").asText()).isEqualTo("2013-05-01T10:00:00.5+02:00");
    assertThat(img.get("Size").asLong()).isEqualTo(TOP_SIZE);
    assertThat(img.get("config").get("Cmd").toString()).isEqualTo("[\"/bin/echo\",\"hi\"]");
    assertThat(fieldNames(img.get("container_config"))).containsExactly("Hostname", "User", "Memory",
        "MemorySwap", "CpuShares", "AttachStdin", "AttachStdout", "AttachStderr", "PortSpecs", "Tty",
        "OpenStdin", "StdinOnce", "Env", "Cmd", "Dns", "Image", "Volumes", "VolumesFrom");
    assertThat(img.get("container_config").get("PortSpecs").isNull()).isTrue();
  }

  @Test
  void inspect_of_a_base_image_omits_empty_fields() throws Exception {
    Response r = http.get("/v1.2/images/" + BASE.substring(0, 5) + "/json");
    assertThat(fieldNames(json(r))).containsExactly("id", "comment", "created", "container_config", "Size");
    assertThat(json(r).get("created").asText()).isEqualTo("2013-03-23T22:24:18.818426-07:00");
  }

  @Test
  void inspect_of_an_unknown_image_is_a_404() {
    Response r = http.get("/v1.2/images/nope/json");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("No such image: nope\n");
  }

  @Test
  void a_tag_is_first_tried_as_an_id_prefix_within_the_repository() throws Exception {
    assertThat(json(http.get("/images/app:33/json")).get("id").asText()).isEqualTo(TOP);
    assertThat(json(http.get("/images/app:v1/json")).get("id").asText()).isEqualTo(TOP);
  }

  @Test
  void history_walks_from_the_image_to_the_base_with_short_ids() throws Exception {
    Response r = http.get("/v1.2/images/app/history");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("["
        + "{\"Id\":\"" + TOP.substring(0, 12) + "\",\"Tags\":[\"app:latest\",\"app:v1\"],\"Created\":1367395200},"
        + "{\"Id\":\"" + MID.substring(0, 12) + "\",\"Created\":1364810400,"
        + "\"CreatedBy\":\"/bin/sh -c apt-get update\"},"
        + "{\"Id\":\"" + BASE.substring(0, 12) + "\",\"Tags\":[\"base:latest\"],\"Created\":1364102658}]");
  }

  @Test
  void history_of_an_unknown_image_is_a_500_image_does_not_exist() {
    Response r = http.get("/images/nope/history");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("Image does not exist: nope\n");
  }

  @Test
  void tag_answers_201_with_an_empty_body_and_moves_existing_tags() throws Exception {
    Response r = http.post("/v1.2/images/base/tag?repo=app&tag=v1");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEmpty();
    assertThat(json(http.get("/images/app:v1/json")).get("id").asText()).isEqualTo(BASE);
  }

  @Test
  void tag_defaults_to_latest_and_accepts_names_with_slashes() throws Exception {
    assertThat(http.post("/images/app/tag?repo=user/copy").status()).isEqualTo(201);
    assertThat(json(http.get("/images/user/copy:latest/json")).get("id").asText()).isEqualTo(TOP);
    assertThat(http.post("/images/user%2Fcopy/tag?repo=again").status()).isEqualTo(201);
  }

  @Test
  void tag_errors_are_500s_with_the_daemon_texts() {
    assertThat(http.post("/images/nope/tag?repo=x").text()).isEqualTo("Image does not exist: nope\n");
    assertThat(http.post("/images/nope/tag?repo=x").status()).isEqualTo(500);
    assertThat(http.post("/images/app/tag").text()).isEqualTo("Repository name can't be empty\n");
    assertThat(http.post("/images/app/tag?repo=a:b").text()).isEqualTo("Illegal repository name: a:b\n");
    assertThat(http.post("/images/app/tag?repo=a&tag=x/y").text()).isEqualTo("Illegal tag name: x/y\n");
    assertThat(http.post("/images/app/tag?repo=a&force=maybe").status()).isEqualTo(400);
  }

  @Test
  void viz_prints_the_graph_in_dot() {
    Response r = http.get("/v1.2/images/viz");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    String b = BASE.substring(0, 12);
    String m = MID.substring(0, 12);
    String t = TOP.substring(0, 12);
    assertThat(r.text()).isEqualTo("digraph docker {\n"
        + " base -> \"" + b + "\" [style=invis]\n"
        + " \"" + b + "\" -> \"" + m + "\"\n"
        + " \"" + m + "\" -> \"" + t + "\"\n"
        + " \"" + b + "\" [label=\"" + b + "\\nbase:latest\",shape=box,fillcolor=\"paleturquoise\","
        + "style=\"filled,rounded\"];\n"
        + " \"" + t + "\" [label=\"" + t + "\\napp:latest\\napp:v1\",shape=box,fillcolor=\"paleturquoise\","
        + "style=\"filled,rounded\"];\n"
        + " base [style=invisible]\n}\n");
  }

  @Test
  void viz_of_an_empty_graph_is_an_empty_body() {
    try (MockDocker empty = MockDocker.builder().fixtures(Fixtures.none()).start()) {
      Response r = new RawHttp(empty.uri()).get("/images/viz");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEmpty();
    }
  }

  @Test
  void search_escapes_html_characters_as_go_did() {
    Response r = http.get("/v1.2/images/search?term=app");
    assertThat(r.text()).isEqualTo(
        "[{\"Name\":\"app\",\"Description\":\"An app \\u003cwith\\u003e \\u0026 stuff\"}]");
  }

  @Test
  void search_without_results_is_null() {
    Response r = http.get("/v1.2/images/search?term=zzz");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("null");
  }

  @Test
  void get_cache_finds_a_child_by_its_container_config() {
    Response hit = http.post("/images/getCache", "application/json",
        "{\"Id\":\"" + BASE + "\",\"Cmd\":[\"/bin/sh\",\"-c\",\"apt-get update\"]}");
    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.text()).isEqualTo("{\"Id\":\"" + MID + "\"}");
  }

  @Test
  void get_cache_misses_are_an_empty_404() {
    Response shortId = http.post("/images/getCache", "application/json",
        "{\"Id\":\"" + BASE.substring(0, 12) + "\",\"Cmd\":[\"/bin/sh\",\"-c\",\"apt-get update\"]}");
    assertThat(shortId.status()).isEqualTo(404);
    assertThat(shortId.body()).isEmpty();
    Response noConfig = http.post("/images/getCache", "application/json", "{\"Id\":\"" + BASE + "\"}");
    assertThat(noConfig.status()).isEqualTo(404);
  }

  @Test
  void get_cache_with_bad_json_is_a_500_with_the_decoder_text() {
    assertThat(http.post("/images/getCache", "application/json", "").text()).isEqualTo("EOF\n");
    assertThat(http.post("/images/getCache", "application/json", "xyz").text())
        .isEqualTo("invalid character 'x' looking for beginning of value\n");
    assertThat(http.post("/images/getCache", "application/json", "{\"Id\":").text())
        .isEqualTo("unexpected EOF\n");
  }
}
