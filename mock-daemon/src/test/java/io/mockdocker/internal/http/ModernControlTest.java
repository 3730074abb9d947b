package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pause, unpause, rename and top over the wire: statuses, JSON keys, the daemon's error texts, events. */
class ModernControlTest {
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

  String runSleeper(String name) {
    String id = Json.create(http, "/v1.50/containers/create?name=" + name,
        "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return id;
  }

  static String message(String text) {
    return "{\"message\":\"" + text.replace("\"", "\\\"") + "\"}\n";
  }

  @Test
  void pause_shows_in_inspect_and_list_and_unpause_clears_it() {
    String id = runSleeper("sleeper");
    Response pause = http.post("/v1.50/containers/sleeper/pause");
    assertThat(pause.status()).isEqualTo(204);
    assertThat(pause.text()).isEmpty();

    JsonNode state = tree(http.get("/v1.50/containers/sleeper/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("paused");
    assertThat(state.get("Paused").asBoolean()).isTrue();
    assertThat(state.get("Running").asBoolean()).isTrue();
    JsonNode row = tree(http.get("/v1.50/containers/json")).get(0);
    assertThat(row.get("Id").asText()).isEqualTo(id);
    assertThat(row.get("State").asText()).isEqualTo("paused");
    assertThat(row.get("Status").asText()).matches("Up .* \\(Paused\\)");
    assertThat(tree(http.get("/v1.50/containers/json?filters=%7B%22status%22%3A%5B%22paused%22%5D%7D")))
        .hasSize(1);

    Response again = http.post("/v1.50/containers/sleeper/pause");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text()).isEqualTo(message("Container " + id + " is already paused"));

    assertThat(http.post("/v1.50/containers/sleeper/unpause").status()).isEqualTo(204);
    state = tree(http.get("/v1.50/containers/sleeper/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("running");
    assertThat(state.get("Paused").asBoolean()).isFalse();
    Response notPaused = http.post("/v1.50/containers/sleeper/unpause");
    assertThat(notPaused.status()).isEqualTo(500);
    assertThat(notPaused.text()).isEqualTo(message("Container " + id + " is not paused"));

    assertThat(Engines.of(docker).events().history()).extracting(e -> e.action())
        .containsSubsequence("start", "pause", "unpause");
  }

  @Test
  void pausing_a_stopped_container_is_409_not_running() {
    String id = Json.create(http, "/v1.50/containers/create?name=idle", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response r = http.post("/v1.50/containers/idle/pause");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.text()).isEqualTo(message("container " + id + " is not running"));
    assertThat(http.post("/v1.50/containers/nosuch/pause").status()).isEqualTo(404);
  }

  @Test
  void exec_on_a_paused_container_is_409_and_kill_still_ends_it() {
    String id = runSleeper("sleeper");
    String exec = Json.create(http, "/v1.50/containers/sleeper/exec", "{\"Cmd\":[\"true\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/pause").status()).isEqualTo(204);
    Response create = http.post("/v1.50/containers/sleeper/exec", "application/json", "{\"Cmd\":[\"true\"]}");
    assertThat(create.status()).isEqualTo(409);
    assertThat(create.text()).isEqualTo(message("Container sleeper is paused, unpause the container before exec"));
    Response start = http.post("/v1.50/exec/" + exec + "/start", "application/json", "{\"Detach\":true}");
    assertThat(start.status()).isEqualTo(409);
    assertThat(start.text()).isEqualTo(message("Container " + id + " is paused, unpause the container before exec"));

    assertThat(http.post("/v1.50/containers/sleeper/kill").status()).isEqualTo(204);
    JsonNode state = tree(http.get("/v1.50/containers/sleeper/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("exited");
    assertThat(state.get("Paused").asBoolean()).isFalse();
  }

  @Test
  void rename_changes_the_name_everywhere_and_sends_the_event() {
    String id = runSleeper("old");
    assertThat(http.post("/v1.50/containers/old/rename?name=new").status()).isEqualTo(204);
    assertThat(tree(http.get("/v1.50/containers/" + id + "/json")).get("Name").asText()).isEqualTo("/new");
    assertThat(tree(http.get("/v1.50/containers/json")).get(0).get("Names").get(0).asText()).isEqualTo("/new");
    assertThat(http.get("/v1.50/containers/old/json").status()).isEqualTo(404);
    assertThat(Engines.of(docker).events().history()).filteredOn(e -> e.action().equals("rename"))
        .singleElement().satisfies(e -> {
          assertThat(e.attributes()).containsEntry("name", "new").containsEntry("oldName", "/old");
        });
  }

  @Test
  void rename_refusals_have_the_daemon_texts_and_statuses() {
    String id = runSleeper("one");
    Json.create(http, "/v1.50/containers/create?name=two", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response taken = http.post("/v1.50/containers/two/rename?name=one");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.text()).isEqualTo(message("Error when allocating new name: Conflict. The container name \"/one\""
        + " is already in use by container \"" + id + "\". You have to remove (or rename) that container to be able"
        + " to reuse that name."));
    Response same = http.post("/v1.50/containers/one/rename?name=one");
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.text()).isEqualTo(message("Renaming a container with the same name as its current name"));
    Response empty = http.post("/v1.50/containers/one/rename?name=");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text()).isEqualTo(message("Neither old nor new names may be empty"));
    Response invalid = http.post("/v1.50/containers/one/rename?name=-bad");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.text()).isEqualTo(message("Error when allocating new name: Invalid container name (/-bad),"
        + " only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
    assertThat(http.post("/v1.50/containers/nosuch/rename?name=x").status()).isEqualTo(404);
  }

  @Test
  void top_lists_the_process_and_refuses_a_stopped_container() {
    String id = runSleeper("sleeper");
    Response r = http.get("/v1.50/containers/sleeper/top?ps_args=-ef");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode top = tree(r);
    assertThat(top.get("Titles").toString())
        .isEqualTo("[\"UID\",\"PID\",\"PPID\",\"C\",\"STIME\",\"TTY\",\"TIME\",\"CMD\"]");
    assertThat(top.get("Processes")).hasSize(1);
    JsonNode p = top.get("Processes").get(0);
    int pid = tree(http.get("/v1.50/containers/sleeper/json")).get("State").get("Pid").asInt();
    assertThat(p.get(1).asText()).isEqualTo(String.valueOf(pid));
    assertThat(p.get(7).asText()).isEqualTo("sleep 100");

    assertThat(http.post("/v1.50/containers/sleeper/kill").status()).isEqualTo(204);
    Response stopped = http.get("/v1.50/containers/sleeper/top");
    assertThat(stopped.status()).isEqualTo(409);
    assertThat(stopped.text()).isEqualTo(message("container " + id + " is not running"));
  }

  @Test
  void a_paused_process_prints_nothing_and_its_sleep_does_not_advance() throws Exception {
    clock.stop();
    Json.create(http, "/v1.50/containers/create?name=ticker",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo a; sleep 5; echo b\"]}");
    assertThat(http.post("/v1.50/containers/ticker/start").status()).isEqualTo(204);
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.post("/v1.50/containers/ticker/pause").status()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(10));
    clock.awaitSleepers(0, Duration.ofSeconds(10));
    assertThat(logs("ticker")).isEqualTo("a\n");
    assertThat(http.post("/v1.50/containers/ticker/unpause").status()).isEqualTo(204);
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(3));
    clock.awaitSleepers(1, Duration.ofSeconds(10));
    assertThat(logs("ticker")).isEqualTo("a\n");
    clock.advance(Duration.ofSeconds(1));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs("ticker").equals("a\nb\n"));
  }

  @Test
  void stop_of_a_paused_container_resumes_it_so_that_term_ends_it() throws Exception {
    runSleeper("sleeper");
    assertThat(http.post("/v1.50/containers/sleeper/pause").status()).isEqualTo(204);
    assertThat(http.post("/v1.50/containers/sleeper/stop?t=1").status()).isEqualTo(204);
    JsonNode state = tree(http.get("/v1.50/containers/sleeper/json")).get("State");
    assertThat(state.get("ExitCode").asInt()).isEqualTo(143);
    assertThat(state.get("Paused").asBoolean()).isFalse();
  }

  String logs(String name) {
    Response r = http.get("/v1.50/containers/" + name + "/logs?stdout=1&stderr=1");
    byte[] body = r.body();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 8 <= body.length; ) {
      int len = ((body[i + 4] & 0xff) << 24) | ((body[i + 5] & 0xff) << 16) | ((body[i + 6] & 0xff) << 8)
          | (body[i + 7] & 0xff);
      out.append(new String(body, i + 8, len, java.nio.charset.StandardCharsets.UTF_8));
      i += 8 + len;
    }
    return out.toString();
  }
}
