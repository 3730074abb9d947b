package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The container lifecycle over scripted processes. */
class ContainersTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String IMG = Fixed.id('c');

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry().image(RemoteImage.builder(IMG).file("/etc/hostname", "img\n").build()).tag("img", "latest", IMG);
    docker.preload("img");
    http = daemon.http();
  }

  String create(String json) {
    return Json.create(http, "/v1.2/containers/create", json);
  }


  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void create_answers_201_text_plain_with_a_short_id_and_no_warnings_key() throws Exception {
    Response r = http.post("/v1.2/containers/create", "application/json", "{\"Image\":\"img\",\"Cmd\":[\"date\"]}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{12}\"}");
  }

  @Test
  void create_errors_come_in_the_daemon_order_and_words() {
    assertThat(http.post("/containers/create", "application/json", "").text()).isEqualTo("EOF\n");
    Response memory = http.post("/containers/create", "application/json",
        "{\"Image\":\"nope\",\"Memory\":100,\"Cmd\":[\"x\"]}");
    assertThat(memory.status()).isEqualTo(500);
    assertThat(memory.text()).isEqualTo("Memory limit must be given in bytes (minimum 524288 bytes)\n");
    Response image = http.post("/containers/create", "application/json", "{\"Image\":\"nope\",\"Cmd\":[\"x\"]}");
    assertThat(image.status()).isEqualTo(404);
    assertThat(image.text()).isEqualTo("No such image: nope\n");
    Response cmd = http.post("/containers/create", "application/json", "{\"Image\":\"img\"}");
    assertThat(cmd.status()).isEqualTo(500);
    assertThat(cmd.text()).isEqualTo("No command specified\n");
  }

  @Test
  void create_with_a_memory_limit_warns_that_swap_is_not_supported() throws Exception {
    Response r = http.post("/containers/create", "application/json",
        "{\"Image\":\"img\",\"Cmd\":[\"true\"],\"Memory\":1048576}");
    JsonNode body = JSON.readTree(r.body());
    assertThat(names(body)).containsExactly("Id", "Warnings");
    assertThat(body.get("Warnings").toString())
        .isEqualTo("[\"Your kernel does not support memory swap capabilities. Limitation discarded.\"]");
    JsonNode config = JSON.readTree(http.get("/containers/" + body.get("Id").asText() + "/json").body())
        .get("Config");
    assertThat(config.get("MemorySwap").asLong()).isEqualTo(-1);
  }

  @Test
  void inspect_before_start_has_the_era_keys_and_zero_values() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"date\"]}");
    JsonNode c = JSON.readTree(http.get("/v1.2/containers/" + id + "/json").body());
    assertThat(names(c)).containsExactly("ID", "Created", "Path", "Args", "Config", "State", "Image",
        "NetworkSettings", "SysInitPath", "ResolvConfPath", "Volumes");
    assertThat(c.get("ID").asText()).startsWith(id).hasSize(64);
    assertThat(c.get("Args").toString()).isEqualTo("[]");
    assertThat(c.get("Image").asText()).isEqualTo(IMG);
    assertThat(c.get("Config").get("Image").asText()).isEqualTo("img");
    assertThat(c.get("Config").get("Hostname").asText()).isEqualTo(id);
    assertThat(c.get("State").toString()).isEqualTo(
        "{\"Running\":false,\"Pid\":0,\"ExitCode\":0,\"StartedAt\":\"0001-01-01T00:00:00Z\",\"Ghost\":false}");
    assertThat(c.get("NetworkSettings").toString()).isEqualTo(
        "{\"IPAddress\":\"\",\"IPPrefixLen\":0,\"Gateway\":\"\",\"Bridge\":\"\",\"PortMapping\":null}");
    assertThat(c.get("Volumes").isNull()).isTrue();
  }

  @Test
  void start_wait_and_attach_logs_replay_the_output() throws Exception {
    docker.script(ProcessMatch.command("greet"),
        ProcessScript.builder().stdout("hello\n").stderr("oops\n").exit(3).build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"greet\"]}");
    Response start = http.post("/v1.2/containers/" + id + "/start");
    assertThat(start.status()).isEqualTo(204);
    Response wait = http.post("/v1.2/containers/" + id + "/wait");
    assertThat(wait.header("Content-Type")).isEqualTo("application/json");
    assertThat(wait.text()).isEqualTo("{\"StatusCode\":3}");
    Response attach = http.post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1&stderr=1");
    assertThat(attach.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(attach.headers()).extracting(h -> h[0]).containsExactly("Content-Type");
    assertThat(attach.header("Content-Type")).isEqualTo("application/vnd.docker.raw-stream");
    assertThat(attach.text()).isEqualTo("hello\noops\n");
  }

  @Test
  void list_shows_the_era_fields_and_status_strings() throws Exception {
    ScriptHandle sleeper = docker.script(ProcessMatch.command("serve"),
        ProcessScript.builder().awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"serve\"],\"PortSpecs\":[\"80\",\"4500:22\"]}");
    http.post("/containers/" + id + "/start");
    JsonNode list = JSON.readTree(http.get("/v1.2/containers/json").body());
    assertThat(list).hasSize(1);
    JsonNode row = list.get(0);
    assertThat(names(row)).containsExactly("Id", "Image", "Command", "Created", "Status", "Ports", "SizeRw",
        "SizeRootFs");
    assertThat(row.get("Image").asText()).isEqualTo("img:latest");
    assertThat(row.get("Command").asText()).isEqualTo("serve ");
    assertThat(row.get("Status").asText()).isEqualTo("Up Less than a second");
    assertThat(row.get("Ports").asText()).isEqualTo("4500->22, 49153->80");
    assertThat(row.get("SizeRw").asLong()).isEqualTo(3 * 4096);
    JsonNode net = JSON.readTree(http.get("/containers/" + id + "/json").body()).get("NetworkSettings");
    assertThat(net.toString()).isEqualTo("{\"IPAddress\":\"172.16.42.2\",\"IPPrefixLen\":24,"
        + "\"Gateway\":\"172.16.42.1\",\"Bridge\":\"docker0\",\"PortMapping\":{\"22\":\"4500\",\"80\":\"49153\"}}");
    sleeper.exit(0);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    assertThat(JSON.readTree(http.get("/v1.2/containers/json").body())).isEmpty();
    JsonNode all = JSON.readTree(http.get("/v1.2/containers/ps?all=1").body());
    assertThat(all.get(0).get("Status").asText()).isEqualTo("Exit 0");
    assertThat(all.get(0).get("Ports").asText()).isEqualTo("");
    assertThat(all.get(0).get("SizeRootFs").asLong()).isZero();
  }

  @Test
  void starting_a_running_container_is_a_500_with_the_era_text() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    String full = Engines.of(docker).containers().inspect(id).id();
    Response again = http.post("/containers/" + id + "/start");
    assertThat(again.status()).isEqualTo(500);
    assertThat(again.text())
        .isEqualTo("Error starting container " + id + ": The container " + full + " is already running.\n");
    h.exit(0);
  }

  @Test
  void stop_sends_term_and_a_process_that_honours_it_exits_143() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/stop?t=5").status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":143}");
  }

  @Test
  void stop_of_a_process_ignoring_term_kills_it_after_t_seconds_with_137() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().ignoreSigterm().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/stop?t=0").status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":137}");
  }

  @Test
  void kill_is_immediate_and_a_no_op_when_stopped() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().ignoreSigterm().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    assertThat(http.post("/containers/" + id + "/kill").status()).isEqualTo(204);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":137}");
    assertThat(http.post("/containers/" + id + "/kill").status()).isEqualTo(204);
  }

  @Test
  void wait_blocks_until_the_scripted_exit() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    CompletableFuture<String> wait = CompletableFuture.supplyAsync(
        () -> http.post("/containers/" + id + "/wait").text());
    await("the wait blocking while the process runs").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> !wait.isDone());
    h.exit(42);
    assertThat(wait.get(10, TimeUnit.SECONDS)).isEqualTo("{\"StatusCode\":42}");
  }

  @Test
  void remove_of_a_running_container_is_406_and_of_a_stopped_one_204() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    Response running = http.delete("/containers/" + id);
    assertThat(running.status()).isEqualTo(406);
    assertThat(running.text()).isEqualTo("Impossible to remove a running container, please stop it first\n");
    h.exit(0);
    http.post("/containers/" + id + "/wait");
    assertThat(http.delete("/containers/" + id + "?v=1").status()).isEqualTo(204);
    assertThat(http.get("/containers/" + id + "/json").text()).isEqualTo("No such container: " + id + "\n");
  }

  @Test
  void unknown_containers_are_404_everywhere() {
    for (String path : List.of("/containers/nope/json", "/containers/nope/changes", "/containers/nope/export")) {
      Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.text()).isEqualTo("No such container: nope\n");
    }
    for (String op : List.of("start", "stop", "restart", "kill", "wait", "attach")) {
      assertThat(http.post("/containers/nope/" + op).status()).as(op).isEqualTo(404);
    }
    assertThat(http.delete("/containers/nope").status()).isEqualTo(404);
  }

  @Test
  void scripted_file_effects_show_in_changes_commit_and_export() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().file("/x", "data").build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    Response never = http.get("/containers/" + id + "/changes");
    assertThat(never.status()).isEqualTo(500);
    assertThat(never.text()).startsWith("lstat /var/lib/docker/containers/").endsWith("/rw: no such file or directory\n");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    assertThat(http.get("/containers/" + id + "/changes").text()).isEqualTo("[{\"Path\":\"/x\",\"Kind\":1}]");
    Response commit = http.post("/commit?container=" + id + "&repo=snap&comment=msg&author=me",
        "application/json", "{\"Cmd\":[\"cat\",\"/x\"]}");
    assertThat(commit.status()).isEqualTo(201);
    assertThat(commit.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    String imageId = JSON.readTree(commit.body()).get("Id").asText();
    JsonNode image = JSON.readTree(http.get("/images/snap/json").body());
    assertThat(image.get("id").asText()).startsWith(imageId);
    assertThat(image.get("parent").asText()).isEqualTo(IMG);
    assertThat(image.get("comment").asText()).isEqualTo("msg");
    assertThat(image.get("author").asText()).isEqualTo("me");
    assertThat(image.get("config").get("Cmd").toString()).isEqualTo("[\"cat\",\"/x\"]");
    assertThat(image.get("container_config").get("Cmd").toString()).isEqualTo("[\"x\"]");
    Response export = http.get("/containers/" + id + "/export");
    assertThat(export.header("Content-Type")).isEqualTo("application/octet-stream");
    List<String> entries = new ArrayList<>();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new java.io.ByteArrayInputStream(export.body()))) {
      for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("./x", "./etc/hostname");
  }

  @Test
  void no_changes_is_null() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    assertThat(http.get("/containers/" + id + "/changes").text()).isEqualTo("null");
  }

  @Test
  void resize_answers_the_errors_v0_4_4_could_not_avoid() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
    String plain = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    String tty = create("{\"Image\":\"img\",\"Cmd\":[\"x\"],\"Tty\":true}");
    assertThat(http.post("/containers/" + plain + "/resize?h=a&w=1").text())
        .isEqualTo("strconv.ParseInt: parsing \"a\": invalid syntax\n");
    assertThat(http.post("/containers/" + plain + "/resize?h=1&w=1").text())
        .isEqualTo("ptyMaster does not have Fd() method\n");
    http.post("/containers/" + tty + "/start");
    Response running = http.post("/containers/" + tty + "/resize?h=24&w=80");
    assertThat(running.status()).isEqualTo(500);
    assertThat(running.text()).isEqualTo("errno 0\n");
    h.exit(0);
    http.post("/containers/" + tty + "/wait");
    assertThat(http.post("/containers/" + tty + "/resize?h=24&w=80").text()).isEqualTo("bad file descriptor\n");
  }

  @Test
  void list_limit_since_and_before_follow_the_daemon_rules() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().build());
    String a = create("{\"Image\":\"img\",\"Cmd\":[\"a\"]}");
    String b = create("{\"Image\":\"img\",\"Cmd\":[\"b\"]}");
    String c = create("{\"Image\":\"img\",\"Cmd\":[\"c\"]}");
    assertThat(ids("/containers/json")).isEmpty();
    assertThat(ids("/containers/json?limit=0")).isEmpty();
    assertThat(ids("/containers/json?limit=2")).containsExactly(c, b);
    assertThat(ids("/containers/json?limit=abc")).isEmpty();
    assertThat(ids("/containers/json?before=" + c)).containsExactly(b, a);
    assertThat(ids("/containers/json?since=" + a)).containsExactly(c, b);
    assertThat(ids("/containers/json?all=1&before=" + Engines.of(docker).containers().inspect(c).id())).isEmpty();
  }

  List<String> ids(String path) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode row : JSON.readTree(http.get(path).body())) {
      ids.add(row.get("Id").asText().substring(0, 12));
    }
    return ids;
  }
}
