package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.TarLimits;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.Tars;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Save, load and import in the modern view, over the wire: statuses, headers, tar entry names and JSON lines. */
class ModernImageArchivesTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String TAR = "application/x-tar";

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .clock(VirtualClock.at(T0)).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }


  String id(String name) {
    return tree(http.get("/v1.50/images/" + name + "/json")).get("Id").asText();
  }

  Response load(String query, byte[] tar) {
    return http.post("/v1.50/images/load" + query, TAR, tar);
  }

  @Test
  void save_answers_the_tar_docker_save_writes() throws Exception {
    Response r = http.get("/v1.50/images/get?names=busybox");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(TAR);
    Map<String, byte[]> tar = Tars.read(r.body());
    List<String> names = new ArrayList<>(tar.keySet());
    assertThat(names).hasSize(10);
    assertThat(names.subList(0, 2)).containsExactly("blobs/", "blobs/sha256/");
    assertThat(names.subList(2, 6)).allMatch(n -> n.matches("blobs/sha256/[0-9a-f]{64}"));
    assertThat(names.subList(6, 10)).containsExactly("index.json", "manifest.json", "oci-layout", "repositories");
    JsonNode manifest = tree(tar.get("manifest.json"));
    List<String> keys = new ArrayList<>();
    manifest.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("Config", "RepoTags", "Layers", "LayerSources");
    assertThat(manifest.get(0).get("RepoTags").toString()).isEqualTo("[\"busybox:latest\"]");
    String layer = manifest.get(0).get("Layers").get(0).asText();
    JsonNode source = manifest.get(0).get("LayerSources").get("sha256:" + layer.substring(13));
    assertThat(source.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
    assertThat(source.get("size").asLong()).isEqualTo(tar.get(layer).length);
    String busybox = id("busybox");
    assertThat(new String(tar.get("repositories"), StandardCharsets.UTF_8))
        .isEqualTo("{\"busybox\":{\"latest\":\"" + busybox.substring(7) + "\"}}\n");
    JsonNode index = tree(tar.get("index.json"));
    assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.get("manifests").get(0).get("annotations").get("io.containerd.image.name").asText())
        .isEqualTo("docker.io/library/busybox:latest");
    // the one-image route writes the same archive
    assertThat(http.get("/v1.50/images/busybox/get").body()).isEqualTo(r.body());
  }

  @Test
  void save_of_a_missing_image_is_a_404_before_any_tar() {
    Response tagged = http.get("/v1.50/images/busybox:nope/get");
    assertThat(tagged.status()).isEqualTo(404);
    assertThat(tagged.text()).isEqualTo("{\"message\":\"reference does not exist\"}\n");
    Response name = http.get("/v1.50/images/get?names=nosuch");
    assertThat(name.status()).isEqualTo(404);
    assertThat(name.text()).isEqualTo("{\"message\":\"No such image: nosuch\"}\n");
  }

  @Test
  void load_after_rmi_brings_the_image_back_with_its_id_and_says_so() {
    String before = id("busybox");
    byte[] tar = http.get("/v1.50/images/get?names=busybox").body();
    assertThat(http.delete("/v1.50/images/busybox").status()).isEqualTo(200);
    assertThat(http.get("/v1.50/images/busybox/json").status()).isEqualTo(404);

    Response quiet = load("", tar);
    assertThat(quiet.status()).isEqualTo(200);
    assertThat(quiet.header("Content-Type")).isEqualTo("application/json");
    assertThat(quiet.text()).isEqualTo("{\"stream\":\"Loaded image: busybox:latest\\n\"}\r\n");
    assertThat(id("busybox")).isEqualTo(before);

    assertThat(http.delete("/v1.50/images/busybox").status()).isEqualTo(200);
    Response loud = load("?quiet=0", tar);
    List<String> lines = loud.text().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode progress = tree(lines.get(0));
    assertThat(progress.get("status").asText()).isEqualTo("Loading layer");
    assertThat(progress.get("id").asText()).matches("[0-9a-f]{12}");
    assertThat(progress.get("progressDetail").get("current").asLong()).isPositive();
    assertThat(lines.get(1)).isEqualTo("{\"stream\":\"Loaded image: busybox:latest\\n\"}");
  }

  @Test
  void an_image_saved_by_id_loads_as_loaded_image_id() {
    String busybox = id("busybox");
    byte[] tar = http.get("/v1.50/images/" + busybox + "/get").body();
    Response r = load("?quiet=1", tar);
    assertThat(r.text()).isEqualTo("{\"stream\":\"Loaded image ID: " + busybox + "\\n\"}\r\n");
  }

  @Test
  void hostile_loads_are_refused_in_the_stream_and_the_daemon_serves_on() {
    Response traversal = load("", Tars.plain().file("../../etc/cron.d/evil", "x").bytes());
    assertThat(traversal.status()).isEqualTo(200);
    JsonNode error = tree(traversal.text().strip());
    assertThat(error.get("error").asText()).matches(
        "\"\\.\\./\\.\\./etc/cron\\.d/evil\" is outside of \"/var/lib/docker/tmp/docker-import-[0-9]+\"");
    assertThat(error.get("errorDetail").get("message").asText()).isEqualTo(error.get("error").asText());

    Response link = load("", Tars.plain().symlink("escape", "/etc").file("escape/passwd", "x").bytes());
    assertThat(tree(link.text().strip()).get("error").asText()).contains("escape/passwd");

    Response hardlink = load("", Tars.plain().hardlink("passwd", "../../etc/passwd").bytes());
    assertThat(tree(hardlink.text().strip()).get("error").asText()).isEqualTo("Invalid tar entry: passwd");

    Response escape = load("", Tars.plain().file("manifest.json",
        "[{\"Config\":\"../../../etc/passwd\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]").bytes());
    assertThat(tree(escape.text().strip()).get("error").asText()).startsWith("\"../../../etc/passwd\" is outside of");

    Response garbage = load("", "this is not a tar archive at all, not even close".repeat(20)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(tree(garbage.text().strip()).get("error").asText()).isEqualTo("This does not look like a tar archive");

    assertThat(http.get("/_ping").status()).isEqualTo(200);
    assertThat(http.get("/v1.50/images/x:1/json").status()).isEqualTo(404);
  }

  @Test
  void a_tar_bomb_load_stops_at_the_tar_limits() {
    try (MockDocker small = MockDocker.builder().fixtures(Fixtures.none()).profile(ApiProfile.modern())
        .tarLimits(new TarLimits(4096, 100)).start()) {
      RawHttp smallHttp = new RawHttp(small.uri());
      Response r = smallHttp.post("/v1.50/images/load", TAR, Tars.gzip().zeros("zeros", 1 << 20).bytes());
      assertThat(r.status()).isEqualTo(200);
      assertThat(tree(r.text().strip()).get("error").asText())
          .isEqualTo("tar archive too large: more than 4096 bytes once extracted, the daemon's limit");
      assertThat(smallHttp.get("/_ping").status()).isEqualTo(200);
    }
  }

  @Test
  void import_from_the_body_makes_a_named_image_with_message_and_changes() {
    String changes = "&changes=" + URLEncoder.encode("CMD [\"/bin/sh\"]", StandardCharsets.UTF_8)
        + "&changes=" + URLEncoder.encode("ENV MODE=test", StandardCharsets.UTF_8);
    Response r = http.post("/v1.50/images/create?fromSrc=-&repo=imported&tag=v1&message=hello" + changes, TAR,
        Tars.plain().file("etc/motd", "imported\n").bytes());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).matches("\\{\"status\":\"sha256:[0-9a-f]{64}\"}\r\n");
    String id = tree(r.text().strip()).get("status").asText();
    JsonNode image = tree(http.get("/v1.50/images/imported:v1/json"));
    assertThat(image.get("Id").asText()).isEqualTo(id);
    assertThat(image.get("Comment").asText()).isEqualTo("hello");
    assertThat(image.get("Config").get("Cmd").toString()).isEqualTo("[\"/bin/sh\"]");
    assertThat(image.get("Config").get("Env").toString()).isEqualTo("[\"MODE=test\"]");
    assertThat(image.get("RootFS").get("Layers")).hasSize(1);

    Response untagged = http.post("/v1.50/images/create?fromSrc=-", TAR, Tars.plain().file("a", "b").bytes());
    String other = tree(untagged.text().strip()).get("status").asText();
    assertThat(tree(http.get("/v1.50/images/" + other + "/json")).get("Comment").asText())
        .isEqualTo("Imported from -");
  }

  @Test
  void import_from_a_url_says_where_from_and_bad_changes_are_a_400() {
    Response r = http.post("/v1.50/images/create?fromSrc=http://example.com/rootfs.tar&repo=fromurl");
    List<String> lines = r.text().lines().toList();
    assertThat(lines.get(0)).isEqualTo("{\"status\":\"Downloading from http://example.com/rootfs.tar\"}");
    assertThat(tree(lines.get(1)).get("status").asText()).isEqualTo("Importing");
    assertThat(lines.get(2)).matches("\\{\"status\":\"sha256:[0-9a-f]{64}\"}");
    assertThat(http.get("/v1.50/images/fromurl/json").status()).isEqualTo(200);

    Response bad = http.post("/v1.50/images/create?fromSrc=-&changes=RUN%20echo", TAR,
        Tars.plain().file("a", "b").bytes());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"RUN is not a valid change command\"}\n");
    Response hostile = http.post("/v1.50/images/create?fromSrc=-&repo=evil", TAR,
        Tars.plain().file("../../etc/cron.d/evil", "x").bytes());
    assertThat(hostile.status()).isEqualTo(500);
    assertThat(hostile.text()).isEqualTo("{\"message\":\"\\\"../../etc/cron.d/evil\\\" is outside of \\\"/\\\"\"}\n");
    assertThat(http.get("/v1.50/images/evil/json").status()).isEqualTo(404);
    Response none = http.post("/v1.50/images/create");
    assertThat(none.status()).isEqualTo(400);
  }
}
