package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.Tars;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pure reads kept between state changes (the container lists and inspects of both views, the era image list
 * and image inspect): each is asked once so that it is kept, then the state changes, and the next answer must show the change. One
 * daemon serves both views, on a virtual clock that stands still unless a test moves it.
 */
class AnswerCacheTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String JSON = "application/json";
  static final String MODERN_LIST = "/v1.50/containers/json";
  static final String ERA_LIST = "/v1.2/containers/json";

  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.all()).clock(clock)
      .preload("busybox:latest"));
  RawHttp http;

  @BeforeEach
  void client() {
    http = daemon.http();
  }

  String create(String name, String... cmd) {
    return Json.create(http, "/v1.50/containers/create?name=" + name,
        "{\"Image\":\"busybox\",\"Cmd\":" + Json.MAPPER.valueToTree(cmd) + "}");
  }

  String run(String name) {
    String id = create(name, "sleep", "3600");
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return id;
  }

  /** Kills the container's process and waits until the container exited. */
  void kill(String name) {
    assertThat(http.post("/v1.50/containers/" + name + "/kill").status()).isEqualTo(204);
    Response wait = http.post("/v1.50/containers/" + name + "/wait");
    assertThat(wait.status()).isEqualTo(200);
    assertThat(tree(wait).get("StatusCode").asInt()).isEqualTo(137);
  }

  /** Runs {@code script} with {@code sh -c} in the container and waits for it to end. */
  void exec(String container, String script) {
    String exec = Json.create(http, "/v1.50/containers/" + container + "/exec",
        "{\"Cmd\":[\"sh\",\"-c\"," + Json.MAPPER.valueToTree(script) + "],\"AttachStdout\":true}");
    Response start = http.post("/v1.50/exec/" + exec + "/start", JSON, "{\"Detach\":false,\"Tty\":false}");
    assertThat(start.status()).isEqualTo(200);
    JsonNode inspect = tree(http.get("/v1.50/exec/" + exec + "/json"));
    assertThat(inspect.get("Running").asBoolean()).isFalse();
    assertThat(inspect.get("ExitCode").asInt()).isZero();
  }

  JsonNode row(String path, String id) {
    for (JsonNode row : tree(http.get(path))) {
      if (row.get("Id").asText().equals(id)) {
        return row;
      }
    }
    return null;
  }

  @Test
  void the_lists_follow_create_start_kill_and_rm() {
    assertThat(http.get(MODERN_LIST).text()).isEqualTo("[]\n");
    assertThat(http.get(ERA_LIST).text()).isEqualTo("[]");
    String id = create("web", "sleep", "3600");
    assertThat(http.get(MODERN_LIST).text()).isEqualTo("[]\n");
    assertThat(row(MODERN_LIST + "?all=1", id).get("State").asText()).isEqualTo("created");
    assertThat(row(MODERN_LIST + "?all=1", id).get("Status").asText()).isEqualTo("Created");

    http.post("/v1.50/containers/web/start");
    assertThat(row(MODERN_LIST, id).get("State").asText()).isEqualTo("running");
    assertThat(row(MODERN_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second");
    assertThat(row(ERA_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second");

    kill("web");
    assertThat(http.get(MODERN_LIST).text()).isEqualTo("[]\n");
    assertThat(http.get(ERA_LIST).text()).isEqualTo("[]");
    assertThat(row(MODERN_LIST + "?all=1", id).get("State").asText()).isEqualTo("exited");
    assertThat(row(MODERN_LIST + "?all=1", id).get("Status").asText()).isEqualTo("Exited (137) Less than a second ago");
    assertThat(row(ERA_LIST + "?all=1", id).get("Status").asText()).isEqualTo("Exit 137");

    assertThat(http.delete("/v1.50/containers/web").status()).isEqualTo(204);
    assertThat(http.get(MODERN_LIST + "?all=1").text()).isEqualTo("[]\n");
    assertThat(http.get(ERA_LIST + "?all=1").text()).isEqualTo("[]");
    assertThat(http.get("/v1.50/containers/" + id + "/json").status()).isEqualTo(404);
  }

  @Test
  void inspect_follows_start_and_kill() {
    String id = create("web", "sleep", "3600");
    JsonNode created = tree(http.get("/v1.50/containers/web/json"));
    assertThat(created.at("/State/Status").asText()).isEqualTo("created");
    assertThat(created.at("/NetworkSettings/IPAddress").asText()).isEmpty();

    http.post("/v1.50/containers/web/start");
    JsonNode running = tree(http.get("/v1.50/containers/" + id + "/json"));
    assertThat(running.at("/State/Status").asText()).isEqualTo("running");
    assertThat(running.at("/State/Pid").asInt()).isPositive();
    assertThat(running.at("/NetworkSettings/IPAddress").asText()).isNotEmpty();
    assertThat(running.at("/NetworkSettings/MacAddress").asText()).matches("02:42(:[0-9a-f]{2}){4}");

    kill("web");
    JsonNode stopped = tree(http.get("/v1.50/containers/web/json"));
    assertThat(stopped.at("/State/Status").asText()).isEqualTo("exited");
    assertThat(stopped.at("/State/ExitCode").asInt()).isEqualTo(137);
  }

  @Test
  void sizes_follow_a_file_a_process_writes() {
    String id = run("writer");
    long modernBefore = row(MODERN_LIST + "?size=1", id).get("SizeRw").asLong();
    long eraBefore = row(ERA_LIST, id).get("SizeRw").asLong();
    assertThat(row(MODERN_LIST + "?size=1", id).get("SizeRw").asLong()).isEqualTo(modernBefore);

    exec("writer", "echo 123456789 > /grown");
    assertThat(row(MODERN_LIST + "?size=1", id).get("SizeRw").asLong()).isEqualTo(modernBefore + 10);
    assertThat(row(ERA_LIST, id).get("SizeRw").asLong()).isEqualTo(eraBefore + 10);

    exec("writer", "rm /grown");
    assertThat(row(MODERN_LIST + "?size=1", id).get("SizeRw").asLong()).isEqualTo(modernBefore);
    assertThat(row(ERA_LIST, id).get("SizeRw").asLong()).isEqualTo(eraBefore);
  }

  @Test
  void sizes_follow_an_archive_put() {
    String id = run("target");
    long before = row(ERA_LIST, id).get("SizeRw").asLong();
    byte[] tar = Tars.plain().file("added.txt", "12345678").bytes();
    Response put = http.send("PUT", "/v1.50/containers/target/archive?path=/", "application/x-tar", tar);
    assertThat(put.status()).isEqualTo(200);
    assertThat(row(ERA_LIST, id).get("SizeRw").asLong()).isEqualTo(before + 8);
    assertThat(row(MODERN_LIST + "?size=1", id).get("SizeRw").asLong()).isEqualTo(before + 8);
  }

  @Test
  void rename_and_pause_show_at_once() {
    String id = run("before");
    assertThat(row(MODERN_LIST, id).get("Names").get(0).asText()).isEqualTo("/before");
    assertThat(tree(http.get("/v1.50/containers/" + id + "/json")).get("Name").asText()).isEqualTo("/before");

    assertThat(http.post("/v1.50/containers/before/rename?name=after").status()).isEqualTo(204);
    assertThat(row(MODERN_LIST, id).get("Names").get(0).asText()).isEqualTo("/after");
    assertThat(tree(http.get("/v1.50/containers/" + id + "/json")).get("Name").asText()).isEqualTo("/after");

    assertThat(http.post("/v1.50/containers/after/pause").status()).isEqualTo(204);
    assertThat(row(MODERN_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second (Paused)");
    assertThat(tree(http.get("/v1.50/containers/after/json")).at("/State/Paused").asBoolean()).isTrue();

    assertThat(http.post("/v1.50/containers/after/unpause").status()).isEqualTo(204);
    assertThat(row(MODERN_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second");
    assertThat(tree(http.get("/v1.50/containers/after/json")).at("/State/Paused").asBoolean()).isFalse();
  }

  @Test
  void status_texts_follow_the_virtual_clock() {
    String id = run("ticker");
    assertThat(row(MODERN_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second");
    assertThat(row(ERA_LIST, id).get("Status").asText()).isEqualTo("Up Less than a second");

    clock.advance(Duration.ofSeconds(5));
    assertThat(row(MODERN_LIST, id).get("Status").asText()).isEqualTo("Up 5 seconds");
    assertThat(row(ERA_LIST, id).get("Status").asText()).isEqualTo("Up 5 seconds");

    kill("ticker");
    clock.advance(Duration.ofMinutes(2));
    assertThat(row(MODERN_LIST + "?all=1", id).get("Status").asText()).isEqualTo("Exited (137) 2 minutes ago");
    clock.advance(Duration.ofHours(3));
    assertThat(row(MODERN_LIST + "?all=1", id).get("Status").asText()).isEqualTo("Exited (137) 3 hours ago");
  }

  @Test
  void the_networks_of_a_container_follow_connect_and_disconnect() {
    String id = run("member");
    assertThat(http.post("/v1.50/networks/create", JSON, "{\"Name\":\"backend\"}").status()).isEqualTo(201);
    assertThat(row(MODERN_LIST, id).at("/NetworkSettings/Networks").has("backend")).isFalse();
    assertThat(tree(http.get("/v1.50/containers/member/json")).at("/NetworkSettings/Networks").has("backend"))
        .isFalse();

    assertThat(http.post("/v1.50/networks/backend/connect", JSON, "{\"Container\":\"member\"}").status())
        .isEqualTo(200);
    assertThat(row(MODERN_LIST, id).at("/NetworkSettings/Networks/backend/IPAddress").asText()).isNotEmpty();
    assertThat(tree(http.get("/v1.50/containers/member/json")).at("/NetworkSettings/Networks/backend/IPAddress")
        .asText()).isNotEmpty();

    assertThat(http.post("/v1.50/networks/backend/disconnect", JSON, "{\"Container\":\"member\"}").status())
        .isEqualTo(200);
    assertThat(row(MODERN_LIST, id).at("/NetworkSettings/Networks").has("backend")).isFalse();
    assertThat(tree(http.get("/v1.50/containers/member/json")).at("/NetworkSettings/Networks").has("backend"))
        .isFalse();
  }

  @Test
  void each_view_and_version_keeps_its_own_bytes() {
    run("both");
    byte[] modern = http.get(MODERN_LIST).body();
    byte[] era = http.get(ERA_LIST).body();
    byte[] oldest = http.get("/v1.24/containers/both/json").body();
    byte[] newest = http.get("/v1.50/containers/both/json").body();
    assertThat(new String(modern)).endsWith("]\n").contains("\"NetworkSettings\"");
    assertThat(new String(era)).endsWith("]").doesNotContain("\"NetworkSettings\"");
    for (int i = 0; i < 2; i++) {
      assertThat(http.get(ERA_LIST).body()).isEqualTo(era);
      assertThat(http.get(MODERN_LIST).body()).isEqualTo(modern);
      assertThat(http.get("/v1.50/containers/both/json").body()).isEqualTo(newest);
      assertThat(http.get("/v1.24/containers/both/json").body()).isEqualTo(oldest);
    }
  }

  @Test
  void the_era_image_list_follows_tag_commit_and_rmi() {
    String before = http.get("/v1.2/images/json").text();
    assertThat(before).contains("\"Repository\":\"busybox\"").doesNotContain("\"Repository\":\"app\"");

    assertThat(http.post("/v1.2/images/busybox/tag?repo=app&tag=v1").status()).isEqualTo(201);
    String tagged = http.get("/v1.2/images/json").text();
    assertThat(tagged).contains("\"Repository\":\"app\",\"Tag\":\"v1\"");

    create("committed", "true");
    Response commit = http.post("/v1.2/commit?container=committed&repo=snap&tag=one");
    assertThat(commit.status()).isEqualTo(201);
    String id = Json.field(commit.text(), "Id");
    assertThat(http.get("/v1.2/images/json").text()).contains("\"Repository\":\"snap\",\"Tag\":\"one\",\"Id\":\""
        + id); // the era's commit answers the short ID
    assertThat(http.get("/v1.2/images/json?all=1").text()).contains(id);

    assertThat(http.delete("/v1.2/images/app:v1").status()).isEqualTo(200);
    assertThat(http.get("/v1.2/images/json").text()).doesNotContain("\"Repository\":\"app\"");
    assertThat(http.get("/v1.2/images/json?filter=snap").text()).contains(id).doesNotContain("busybox");
    assertThat(http.get("/v1.2/images/json?filter=busybox").text()).contains("busybox").doesNotContain(id);
  }

  @Test
  void the_era_inspect_follows_start_kill_and_a_name_reused_by_another_container() {
    String id = create("era", "sleep", "3600");
    String created = http.get("/v1.2/containers/era/json").text();
    assertThat(tree(created).at("/State/Running").asBoolean()).isFalse();
    assertThat(http.get("/v1.2/containers/era/json").text()).isEqualTo(created);

    assertThat(http.post("/v1.2/containers/era/start").status()).isEqualTo(204);
    JsonNode running = tree(http.get("/v1.2/containers/" + id + "/json"));
    assertThat(running.at("/State/Running").asBoolean()).isTrue();
    assertThat(running.at("/State/Pid").asInt()).isPositive();

    kill("era");
    JsonNode stopped = tree(http.get("/v1.2/containers/era/json"));
    assertThat(stopped.at("/State/Running").asBoolean()).isFalse();
    assertThat(stopped.at("/State/ExitCode").asInt()).isEqualTo(137);

    assertThat(http.delete("/v1.2/containers/era").status()).isEqualTo(204);
    assertThat(http.get("/v1.2/containers/era/json").status()).isEqualTo(404);
    String again = create("era", "true");
    assertThat(tree(http.get("/v1.2/containers/era/json")).get("ID").asText()).isEqualTo(again).isNotEqualTo(id);
  }

  @Test
  void the_era_image_inspect_follows_an_image_replaced_under_its_name() {
    JsonNode busybox = tree(http.get("/v1.2/images/busybox/json"));
    create("maker", "true");
    Response commit = http.post("/v1.2/commit?container=maker&repo=busybox&tag=latest&comment=mine");
    assertThat(commit.status()).isEqualTo(201);
    JsonNode mine = tree(http.get("/v1.2/images/busybox/json"));
    assertThat(mine.get("id").asText()).isNotEqualTo(busybox.get("id").asText()).startsWith(
        Json.field(commit.text(), "Id"));
    assertThat(mine.get("comment").asText()).isEqualTo("mine");
    assertThat(mine.get("parent").asText()).isEqualTo(busybox.get("id").asText());
  }
}
