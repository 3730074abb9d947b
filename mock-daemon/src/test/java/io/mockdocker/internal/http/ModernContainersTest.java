package io.mockdocker.internal.http;

import static io.mockdocker.testing.Frames.concat;
import static io.mockdocker.testing.Frames.frame;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modern container endpoints over the wire: statuses, JSON keys, stream bytes. */
class ModernContainersTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  MockDocker docker;
  RawHttp http;
  VirtualClock clock;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(T0);
    clock.runAtSpeed(1.0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  @Test
  void create_answers_201_with_the_full_id_and_empty_warnings() {
    Response r = http.post("/v1.50/containers/create?name=web", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"],\"Tty\":null,\"containerId\":\"x\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{64}\",\"Warnings\":\\[]}\n");
  }

  @Test
  void create_of_a_missing_image_is_404_with_the_familiar_latest_form() {
    Response r = http.post("/v1.50/containers/create", "application/json", "{\"Image\":\"nosuch\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("{\"message\":\"No such image: nosuch:latest\"}\n");
  }

  @Test
  void create_resolves_the_cli_qualified_name() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"docker.io/library/busybox\",\"Cmd\":[\"true\"]}");
    assertThat(id).hasSize(64);
  }

  @Test
  void a_taken_name_is_409_with_the_daemon_text() {
    String id = Json.create(http, "/v1.50/containers/create?name=twin", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response r = http.post("/v1.50/containers/create?name=twin", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text()).isEqualTo("{\"message\":\"Conflict. The container name \\\"/twin\\\" is already in use by "
        + "container \\\"" + id + "\\\". You have to remove (or rename) that container to be able to reuse that "
        + "name.\"}\n");
  }

  @Test
  void an_invalid_name_is_400() {
    Response r = http.post("/v1.50/containers/create?name=-bad", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("{\"message\":\"Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] "
        + "are allowed\"}\n");
  }

  @Test
  void inspect_by_name_shows_the_modern_shape_with_defaults_filled() {
    String id = Json.create(http, "/v1.50/containers/create?name=shape", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"],"
        + "\"Labels\":{\"a\":\"b\"},\"HostConfig\":{\"LogConfig\":{\"Type\":\"\",\"Config\":{}}}}");
    Response r = http.get("/v1.44/containers/shape/json");
    assertThat(r.status()).isEqualTo(200);
    JsonNode o = tree(r);
    assertThat(o.get("Id").asText()).isEqualTo(id);
    assertThat(o.get("Name").asText()).isEqualTo("/shape");
    assertThat(o.get("Created").asText()).isEqualTo("2025-01-01T00:00:00Z".substring(0, 16) + o.get("Created")
        .asText().substring(16));
    assertThat(o.get("Path").asText()).isEqualTo("echo");
    assertThat(o.get("Args").toString()).isEqualTo("[\"hi\"]");
    assertThat(o.get("State").get("Status").asText()).isEqualTo("created");
    assertThat(o.get("State").get("FinishedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(o.get("HostConfig").get("LogConfig").get("Type").asText()).isEqualTo("json-file");
    assertThat(o.get("Config").get("Image").asText()).isEqualTo("busybox");
    assertThat(o.get("Config").get("Hostname").asText()).isEqualTo(id.substring(0, 12));
    assertThat(o.get("Config").get("Labels").toString()).isEqualTo("{\"a\":\"b\"}");
    assertThat(o.get("NetworkSettings").get("Networks").has("bridge")).isTrue();
    assertThat(o.get("NetworkSettings").has("IPAddress")).isTrue();
    assertThat(o.get("Image").asText()).startsWith("sha256:");
    assertThat(http.get("/v1.50/containers/" + id.substring(0, 8) + "/json").status()).isEqualTo(200);
    assertThat(http.get("/v1.50/containers/%2Fshape/json").status()).isEqualTo(200);
    assertThat(http.get("/v1.50/containers/nosuch/json").text())
        .isEqualTo("{\"message\":\"No such container: nosuch\"}\n");
  }

  @Test
  void attach_before_start_streams_stdcopy_frames_then_closes() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"],\"AttachStdout\":true}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id
        + "/attach?stderr=1&stdout=1&stream=1", "Connection: Upgrade\r\nUpgrade: tcp\r\n", "")) {
      assertThat(h.head).isEqualTo("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream"
          + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
      assertThat(h.rest()).containsExactly(0x01, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n');
    }
  }

  @Test
  void an_attach_waiting_for_a_start_ends_when_the_container_is_removed_instead() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"]}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id
        + "/attach?stderr=1&stdout=1&stream=1", "Connection: Upgrade\r\nUpgrade: tcp\r\n", "")) {
      assertThat(h.head).startsWith("HTTP/1.1 101 UPGRADED\r\n");
      assertThat(http.delete("/v1.50/containers/" + id).status()).isEqualTo(204);
      assertThat(h.rest()).isEmpty();
    }
  }

  @Test
  void attach_without_upgrade_gets_the_raw_stream_200_head_and_the_same_frames() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo out; echo err >&2\"]}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/containers/" + id + "/attach?stdout=true&stderr=true&stream="
        + "true", "", "")) {
      assertThat(h.head).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n");
      http.post("/containers/" + id + "/start");
      assertThat(h.rest()).isEqualTo(concat(frame(1, "out\n"), frame(2, "err\n")));
    }
  }

  @Test
  void attach_on_api_1_41_says_raw_stream_in_the_101_head() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.41/containers/" + id + "/attach?stdout=1&stream=1",
        "Connection: Upgrade\r\nUpgrade: tcp\r\n", "")) {
      assertThat(h.head).startsWith("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n");
    }
  }

  @Test
  void half_closed_stdin_reaches_cat_and_the_output_still_arrives() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"AttachStdin\":true,\"OpenStdin\":true,"
        + "\"StdinOnce\":true}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id
        + "/attach?stderr=1&stdin=1&stdout=1&stream=1", "Connection: Upgrade\r\nUpgrade: tcp\r\n", "")) {
      assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
      h.out().write("piped-input\n".getBytes());
      h.out().flush();
      h.socket.shutdownOutput();
      assertThat(h.rest()).isEqualTo(frame(1, "piped-input\n"));
    }
    Response waited = http.post("/v1.50/containers/" + id + "/wait");
    assertThat(waited.text()).isEqualTo("{\"StatusCode\":0}\n");
  }

  @Test
  void a_tty_container_attaches_raw() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"hi\"],\"Tty\":true}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id + "/attach?stdout=1&stream=1",
        "Connection: Upgrade\r\nUpgrade: tcp\r\n", "")) {
      assertThat(h.head).contains("Content-Type: application/vnd.docker.raw-stream\r\n");
      http.post("/v1.50/containers/" + id + "/start");
      assertThat(new String(h.rest())).isEqualTo("hi\r\n");
    }
  }

  @Test
  void wait_next_exit_sends_its_head_before_the_start() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"]}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id + "/wait?condition=next-exit",
        "Connection: close\r\n",
        "")) {
      assertThat(h.head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: application/json\r\n")
          .contains("Transfer-Encoding: chunked\r\n").contains("Api-Version: 1.50\r\n");
      http.post("/v1.50/containers/" + id + "/start");
      assertThat(new String(h.rest())).isEqualTo("11\r\n{\"StatusCode\":3}\n\r\n0\r\n\r\n");
    }
  }

  @Test
  void wait_removed_returns_after_auto_remove() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"bye\"],\"HostConfig\":"
        + "{\"AutoRemove\":true}}");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/" + id + "/wait?condition=removed",
        "Connection: close\r\n",
        "")) {
      http.post("/v1.50/containers/" + id + "/start");
      assertThat(new String(h.rest())).contains("{\"StatusCode\":0}\n");
    }
    assertThat(http.get("/v1.50/containers/" + id + "/json").status()).isEqualTo(404);
  }

  @Test
  void wait_with_an_unknown_condition_is_400() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response r = http.post("/v1.50/containers/" + id + "/wait?condition=soon");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("{\"message\":\"invalid condition: \\\"soon\\\"\"}\n");
  }

  @Test
  void not_running_wait_on_a_created_container_returns_at_once() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(http.post("/v1.50/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}\n");
  }

  @Test
  void start_stop_kill_and_remove_answer_with_the_modern_statuses() {
    String id = Json.create(http, "/v1.50/containers/create?name=sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/start").status()).isEqualTo(204);
    assertThat(http.post("/v1.50/containers/sleeper/start").status()).isEqualTo(304);
    Response rm = http.delete("/v1.50/containers/sleeper");
    assertThat(rm.status()).isEqualTo(409);
    assertThat(rm.text()).isEqualTo("{\"message\":\"cannot remove container \\\"/sleeper\\\": container is running: "
        + "stop the container before removing or force remove\"}\n");
    assertThat(http.post("/v1.50/containers/sleeper/stop?t=1").status()).isEqualTo(204);
    assertThat(http.post("/v1.50/containers/sleeper/stop").status()).isEqualTo(304);
    Response kill = http.post("/v1.50/containers/sleeper/kill");
    assertThat(kill.status()).isEqualTo(409);
    assertThat(kill.text()).isEqualTo("{\"message\":\"cannot kill container: sleeper: container " + id
        + " is not running\"}\n");
    assertThat(tree(http.get("/v1.50/containers/sleeper/json")).get("State").get("ExitCode").asInt())
        .isEqualTo(143);
    assertThat(http.delete("/v1.50/containers/sleeper?v=False&link=False&force=False").status())
        .isEqualTo(204);
    assertThat(http.get("/v1.50/containers/sleeper/json").status()).isEqualTo(404);
  }

  @Test
  void force_remove_kills_a_running_container() {
    Json.create(http, "/v1.50/containers/create?name=doomed", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    http.post("/v1.50/containers/doomed/start");
    assertThat(http.delete("/v1.50/containers/doomed?force=1").status()).isEqualTo(204);
    assertThat(http.get("/v1.50/containers/doomed/json").status()).isEqualTo(404);
  }

  @Test
  void list_shows_running_ones_newest_first_and_all_with_status_texts() {
    Json.create(http, "/v1.50/containers/create?name=first", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Labels\":{\"tier\":\"x\"}}");
    String second = Json.create(http, "/v1.50/containers/create?name=second", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    http.post("/v1.50/containers/second/start");
    Response running = http.get("/v1.50/containers/json");
    JsonNode list = tree(running);
    assertThat(list).hasSize(1);
    JsonNode row = list.get(0);
    assertThat(row.get("Id").asText()).isEqualTo(second);
    assertThat(row.get("Names").toString()).isEqualTo("[\"/second\"]");
    assertThat(row.get("Image").asText()).isEqualTo("busybox");
    assertThat(row.get("Command").asText()).isEqualTo("sleep 100");
    assertThat(row.get("State").asText()).isEqualTo("running");
    assertThat(row.get("Status").asText()).matches("Up (Less than a second|\\d+ seconds?)");
    assertThat(row.has("SizeRw")).isFalse();
    List<String> names = new ArrayList<>();
    tree(http.get("/v1.50/containers/json?all=1")).forEach(c -> names.add(c.get("Names").get(0).asText()
        + " " + c.get("Status").asText()));
    assertThat(names).hasSize(2);
    assertThat(names.get(1)).isEqualTo("/first Created");
    assertThat(tree(http.get("/v1.50/containers/json?all=1&filters=%7B%22label%22%3A%7B%22tier%3Dx%22%3Atrue"
        + "%7D%7D"))).hasSize(1);
    assertThat(tree(http.get("/v1.50/containers/json?all=1&filters=%7B%22status%22%3A%5B%22created%22%5D%7D"))
        .get(0).get("Names").get(0).asText()).isEqualTo("/first");
    assertThat(tree(http.get("/v1.50/containers/json?all=1&filters=%7B%22name%22%3A%7B%22sec%22%3Atrue%7D%7D")))
        .hasSize(1);
    assertThat(tree(http.get("/v1.50/containers/json?all=1&filters=%7B%22ancestor%22%3A%7B%22busybox%22%3Atrue"
        + "%7D%7D"))).hasSize(2);
    assertThat(tree(http.get("/v1.50/containers/json?all=1&size=1")).get(0).has("SizeRw")).isTrue();
  }

  @Test
  void logs_need_a_stream() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response r = http.get("/v1.50/containers/" + id + "/logs");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo("{\"message\":\"Bad parameters: you must choose at least one stream\"}\n");
  }

  @Test
  void logs_replay_multiplexed_with_tail_and_timestamps() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\","
        + "\"echo one; echo two >&2; echo three\"]}");
    http.post("/v1.50/containers/" + id + "/start");
    http.post("/v1.50/containers/" + id + "/wait");
    Response all = http.get("/v1.50/containers/" + id + "/logs?stdout=1&stderr=1&tail=all");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Content-Type")).isEqualTo("application/vnd.docker.multiplexed-stream");
    assertThat(all.body()).isEqualTo(concat(frame(1, "one\n"), frame(2, "two\n"), frame(1, "three\n")));
    assertThat(http.get("/v1.50/containers/" + id + "/logs?stdout=1&stderr=1&tail=-1").body())
        .isEqualTo(all.body());
    assertThat(http.get("/v1.50/containers/" + id + "/logs?stdout=1&tail=1").body())
        .isEqualTo(frame(1, "three\n"));
    assertThat(http.get("/v1.41/containers/" + id + "/logs?stderr=1").header("Content-Type"))
        .isEqualTo("application/vnd.docker.raw-stream");
    String stamped = new String(http.get("/v1.50/containers/" + id + "/logs?stderr=1&timestamps=1").body(), 8,
        35);
    assertThat(stamped).matches("2025-01-01T00:00:\\d\\d\\.\\d{9}Z two\n");
  }

  @Test
  void logs_follow_ends_when_the_process_exits() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo a; sleep 1; echo b\"]}");
    http.post("/v1.50/containers/" + id + "/start");
    Response r = http.get("/v1.50/containers/" + id + "/logs?stdout=1&follow=1");
    assertThat(r.body()).isEqualTo(concat(frame(1, "a\n"), frame(1, "b\n")));
  }

  @Test
  void changes_and_export() {
    String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo x > /tmp/new\"]}");
    http.post("/v1.50/containers/" + id + "/start");
    http.post("/v1.50/containers/" + id + "/wait");
    JsonNode changes = tree(http.get("/v1.50/containers/" + id + "/changes"));
    assertThat(changes.toString()).contains("{\"Path\":\"/tmp/new\",\"Kind\":1}");
    Response export = http.get("/v1.50/containers/" + id + "/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).isEqualTo("application/x-tar");
    assertThat(new String(export.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("tmp/new");
    assertThat(http.post("/v1.50/containers/" + id + "/resize?h=24&w=80").status()).isEqualTo(200);
  }
}
