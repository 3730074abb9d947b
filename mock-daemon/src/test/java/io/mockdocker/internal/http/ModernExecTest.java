package io.mockdocker.internal.http;

import static io.mockdocker.testing.Frames.concat;
import static io.mockdocker.testing.Frames.frame;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exec instances over the wire: create, hijacked start, inspect. */
class ModernExecTest {
  static final String CLI_BODY = "{\"User\":\"\",\"Privileged\":false,\"Tty\":false,\"AttachStdin\":false,"
      + "\"AttachStderr\":true,\"AttachStdout\":true,\"Detach\":false,\"DetachKeys\":\"\",\"Env\":null,"
      + "\"WorkingDir\":\"\",\"Cmd\":%s}";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;
  String sleeper;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.preload("busybox:latest");
    http = daemon.http();
    sleeper = Json.create(http, "/v1.50/containers/create?name=sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/start").status()).isEqualTo(204);
  }

  String exec(String cmdJson) {
    Response r = http.post("/v1.50/containers/sleeper/exec", "application/json", String.format(CLI_BODY,
        cmdJson));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.text()).matches("\\{\"Id\":\"[0-9a-f]{64}\"}\n");
    return tree(r).get("Id").asText();
  }

  @Test
  void exec_start_hijacks_with_the_common_headers_and_streams_frames() throws Exception {
    String id = exec("[\"sh\",\"-c\",\"echo hi; echo oops >&2; exit 3\"]");
    JsonNode before = tree(http.get("/v1.50/exec/" + id + "/json"));
    assertThat(before.get("Running").asBoolean()).isFalse();
    assertThat(before.get("ExitCode").isNull()).isTrue();
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + id + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n",
        "{\"Detach\":false,\"Tty\":false}")) {
      assertThat(h.head).isEqualTo("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream"
          + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nApi-Version: 1.50\r\nDocker-Experimental: false\r\n"
          + "Ostype: linux\r\nServer: Docker/28.2.2 (linux)\r\n\r\n");
      assertThat(h.rest()).isEqualTo(concat(frame(1, "hi\n"), frame(2, "oops\n")));
    }
    JsonNode after = tree(http.get("/v1.50/exec/" + id + "/json"));
    assertThat(after.get("ExitCode").asInt()).isEqualTo(3);
    assertThat(after.get("Running").asBoolean()).isFalse();
    assertThat(after.get("ContainerID").asText()).isEqualTo(sleeper);
    assertThat(after.get("ProcessConfig").toString()).isEqualTo("{\"tty\":false,\"entrypoint\":\"sh\","
        + "\"arguments\":[\"-c\",\"echo hi; echo oops >&2; exit 3\"],\"privileged\":false}");
    assertThat(after.get("OpenStdout").asBoolean()).isTrue();
    assertThat(after.get("Pid").asInt()).isPositive();
    java.util.List<String> keys = new java.util.ArrayList<>();
    after.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("ID", "Running", "ExitCode", "ProcessConfig", "OpenStdin", "OpenStderr",
        "OpenStdout", "CanRemove", "ContainerID", "DetachKeys", "Pid");
  }

  @Test
  void exec_start_without_upgrade_gets_the_raw_stream_head() throws Exception {
    String id = exec("[\"echo\",\"hi\"]");
    try (RawHttp.Hijacked h = http.hijack("POST", "/exec/" + id + "/start", "Content-Type: application/json\r\n",
        "{\"Detach\":null,\"Tty\":null}")) {
      assertThat(h.head).startsWith("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n");
      assertThat(h.rest()).isEqualTo(frame(1, "hi\n"));
    }
    assertThat(tree(http.get("/exec/" + id + "/json")).get("ExitCode").asInt()).isZero();
  }

  @Test
  void exec_stdin_half_close_ends_the_input() throws Exception {
    Response r = http.post("/v1.50/containers/sleeper/exec", "application/json",
        "{\"AttachStdin\":true,\"AttachStdout\":true,\"Cmd\":[\"cat\"]}");
    String id = tree(r).get("Id").asText();
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + id + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"hijack\":true}")) {
      h.out().write("typed\n".getBytes());
      h.socket.shutdownOutput();
      assertThat(h.rest()).isEqualTo(frame(1, "typed\n"));
    }
  }

  @Test
  void detached_exec_answers_200_without_a_stream() throws Exception {
    String id = exec("[\"true\"]");
    Response r = http.post("/v1.50/exec/" + id + "/start", "application/json", "{\"Detach\":true}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void errors_use_the_daemon_texts() {
    Response none = http.get("/v1.50/exec/nope/json");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.text()).isEqualTo("{\"message\":\"No such exec instance: nope\"}\n");
    Response empty = http.post("/v1.50/containers/sleeper/exec", "application/json", "{\"Cmd\":[]}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.text()).isEqualTo("{\"message\":\"No exec command specified\"}\n");
    http.post("/v1.50/containers/sleeper/kill");
    Response stopped = http.post("/v1.50/containers/sleeper/exec", "application/json", "{\"Cmd\":[\"true\"]}");
    assertThat(stopped.status()).isEqualTo(409);
    assertThat(stopped.text()).isEqualTo("{\"message\":\"container " + sleeper + " is not running\"}\n");
    assertThat(http.post("/v1.50/exec/nope/resize?h=1&w=1").status()).isEqualTo(404);
  }

  @Test
  void inspect_lists_the_exec_ids() {
    String id = exec("[\"true\"]");
    assertThat(tree(http.get("/v1.50/containers/sleeper/json")).get("ExecIDs").toString())
        .isEqualTo("[\"" + id + "\"]");
    assertThat(http.post("/v1.50/exec/" + id + "/resize?h=24&w=80").status()).isEqualTo(200);
  }
}
