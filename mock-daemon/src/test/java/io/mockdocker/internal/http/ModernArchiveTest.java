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
import io.mockdocker.testing.Tars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HEAD, GET and PUT /containers/{id}/archive over the wire: the stat header, tar entries, error texts. */
class ModernArchiveTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  MockDocker docker;
  RawHttp http;
  String id;

  @BeforeEach
  void start() {
    VirtualClock clock = VirtualClock.at(T0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
    id = Json.create(http, "/v1.50/containers/create?name=box", "{\"Image\":\"busybox\",\"Cmd\":[\"cat\",\"/data/sub/b.txt\"]}");
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  Response put(String path, byte[] tar) {
    return http.send("PUT", "/v1.50/containers/box/archive?path=" + path, "application/x-tar", tar);
  }

  void putData() {
    Response r = put("/", Tars.plain().dir("data/").file("data/a.txt", "alpha\n").dir("data/sub/")
        .file("data/sub/b.txt", "beta\n").symlink("data/link", "sub/b.txt").bytes());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  static JsonNode stat(Response r) {
    return tree(Base64.getDecoder().decode(r.header("X-Docker-Container-Path-Stat")));
  }

  record Entry(String name, int mode, String content, String link) {}

  static List<Entry> entries(byte[] tar) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.add(new Entry(e.getName(), e.getMode() & 07777, new String(in.readAllBytes(), StandardCharsets.UTF_8),
            e.getLinkName()));
      }
    }
    return out;
  }

  @Test
  void head_gives_the_stat_header_of_a_file_a_directory_and_a_symlink() {
    putData();
    Response file = http.send("HEAD", "/v1.50/containers/box/archive?path=/data/a.txt", null, new byte[0]);
    assertThat(file.status()).isEqualTo(200);
    JsonNode f = stat(file);
    assertThat(f.toString()).startsWith("{\"name\":\"a.txt\",\"size\":6,\"mode\":420,\"mtime\":\"");
    assertThat(f.get("linkTarget").asText()).isEmpty();
    JsonNode d = stat(http.send("HEAD", "/v1.50/containers/box/archive?path=/data/sub/", null, new byte[0]));
    assertThat(d.get("name").asText()).isEqualTo("sub");
    assertThat(d.get("size").asLong()).isEqualTo(4096);
    assertThat(d.get("mode").asLong()).isEqualTo((1L << 31) | 0755);
    JsonNode l = stat(http.send("HEAD", "/v1.50/containers/box/archive?path=/data/link", null, new byte[0]));
    assertThat(l.get("mode").asLong()).isEqualTo((1L << 27) | 0777);
    assertThat(l.get("size").asLong()).isEqualTo(9);
    assertThat(l.get("linkTarget").asText()).isEqualTo("/data/sub/b.txt");
  }

  @Test
  void get_of_a_file_is_a_tar_of_that_file_under_its_base_name() throws IOException {
    putData();
    Response r = http.get("/v1.50/containers/box/archive?path=/data/a.txt");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/x-tar");
    assertThat(stat(r).get("name").asText()).isEqualTo("a.txt");
    assertThat(entries(r.body())).containsExactly(new Entry("a.txt", 0644, "alpha\n", ""));
  }

  @Test
  void get_of_a_directory_puts_its_base_name_on_top_and_the_dot_form_copies_its_contents() throws IOException {
    putData();
    assertThat(entries(http.get("/v1.50/containers/box/archive?path=data").body())).containsExactly(
        new Entry("data/", 0755, "", ""), new Entry("data/a.txt", 0644, "alpha\n", ""),
        new Entry("data/link", 0777, "", "sub/b.txt"), new Entry("data/sub/", 0755, "", ""),
        new Entry("data/sub/b.txt", 0644, "beta\n", ""));
    Response dot = http.get("/v1.50/containers/box/archive?path=/data/sub/.");
    assertThat(stat(dot).get("name").asText()).isEqualTo(".");
    assertThat(entries(dot.body())).containsExactly(new Entry("./", 0755, "", ""),
        new Entry("./b.txt", 0644, "beta\n", ""));
  }

  @Test
  void put_into_a_never_started_container_is_what_its_process_then_reads() {
    putData();
    assertThat(http.post("/v1.50/containers/box/start").status()).isEqualTo(204);
    assertThat(http.post("/v1.50/containers/box/wait").text()).contains("\"StatusCode\":0");
    assertThat(http.get("/v1.50/containers/box/logs?stdout=1").text()).contains("beta\n");
  }

  @Test
  void put_into_a_stopped_container_replaces_the_file_and_keeps_its_mode() throws IOException {
    putData();
    http.post("/v1.50/containers/box/start");
    http.post("/v1.50/containers/box/wait");
    byte[] tar = Tars.plain().file("b.txt", "gamma\n").bytes();
    assertThat(put("/data/sub", tar).status()).isEqualTo(200);
    assertThat(entries(http.get("/v1.50/containers/box/archive?path=/data/sub/b.txt").body()))
        .containsExactly(new Entry("b.txt", 0644, "gamma\n", ""));
    assertThat(http.get("/v1.50/containers/box/changes").text()).contains("\"Path\":\"/data/sub/b.txt\"");
  }

  @Test
  void errors_have_the_daemon_statuses_and_texts() {
    putData();
    Response missing = http.get("/v1.50/containers/box/archive?path=/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"Could not find the file /nope in container box\"}\n");
    assertThat(http.send("HEAD", "/v1.50/containers/box/archive?path=/nope", null, new byte[0]).status())
        .isEqualTo(404);
    Response noContainer = http.get("/v1.50/containers/ghost/archive?path=/");
    assertThat(noContainer.status()).isEqualTo(404);
    assertThat(noContainer.text()).isEqualTo("{\"message\":\"No such container: ghost\"}\n");
    Response noPath = http.get("/v1.50/containers/box/archive");
    assertThat(noPath.status()).isEqualTo(400);
    assertThat(noPath.text()).isEqualTo("{\"message\":\"bad parameter: pathcannot be empty\"}\n");
    Response notDir = put("/data/a.txt", Tars.plain().file("x", "x").bytes());
    assertThat(notDir.status()).isEqualTo(400);
    assertThat(notDir.text()).isEqualTo("{\"message\":\"extraction point is not a directory\"}\n");
    Response putMissing = put("/nope", Tars.plain().file("x", "x").bytes());
    assertThat(putMissing.status()).isEqualTo(404);
    assertThat(putMissing.text()).isEqualTo("{\"message\":\"Could not find the file /nope in container box\"}\n");
  }

  @Test
  void no_overwrite_dir_non_dir_refuses_a_file_over_a_directory() {
    putData();
    Response r = http.send("PUT", "/v1.50/containers/box/archive?path=/data&noOverwriteDirNonDir=true",
        "application/x-tar", Tars.plain().file("sub", "flat").bytes());
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"message\":\"cannot overwrite directory \\\"/data/sub\\\" with non-directory "
        + "\\\"/data\\\"\"}\n");
    Response without = put("/data", Tars.plain().dir("a.txt/").bytes());
    assertThat(without.status()).isEqualTo(200);
    JsonNode d = stat(http.send("HEAD", "/v1.50/containers/box/archive?path=/data/a.txt", null, new byte[0]));
    assertThat(d.get("mode").asLong() & (1L << 31)).isNotZero();
  }

  @Test
  void a_relative_path_starts_at_the_root_and_traversal_stays_inside() throws IOException {
    putData();
    assertThat(entries(http.get("/v1.50/containers/box/archive?path=data/../data/a.txt").body()))
        .extracting(Entry::name).containsExactly("a.txt");
    Response evil = put("/data", Tars.plain().file("../../../escape", "x").bytes());
    assertThat(evil.status()).isEqualTo(500);
    assertThat(evil.text()).isEqualTo("{\"message\":\"\\\"../../../escape\\\" is outside of \\\"/data\\\"\"}\n");
    assertThat(http.get("/v1.50/containers/box/archive?path=/escape").status()).isEqualTo(404);
  }

  @Test
  void a_tar_bomb_and_a_symlink_leading_out_are_refused_and_the_daemon_serves_on() {
    docker.close();
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .tarLimits(new io.mockdocker.TarLimits(1 << 20, 1000)).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
    Json.create(http, "/v1.50/containers/create?name=box", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response bomb = put("/tmp", Tars.gzip().zeros("big", 2L << 20).bytes());
    assertThat(bomb.status()).isEqualTo(500);
    assertThat(bomb.text()).isEqualTo("{\"message\":\"tar archive too large: more than 1048576 bytes once "
        + "extracted, the daemon's limit\"}\n");
    Response link = put("/tmp", Tars.plain().symlink("out", "/").file("out/etc/evil", "x").bytes());
    assertThat(link.status()).isEqualTo(400);
    assertThat(link.text()).isEqualTo("{\"message\":\"Invalid tar entry: out/etc/evil\"}\n");
    assertThat(http.get("/v1.50/containers/box/archive?path=/etc/evil").status()).isEqualTo(404);
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }
}
