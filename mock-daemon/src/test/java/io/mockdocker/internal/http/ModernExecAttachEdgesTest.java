package io.mockdocker.internal.http;

import static io.mockdocker.testing.Frames.concat;
import static io.mockdocker.testing.Frames.frame;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exec and attach edge cases real clients meet: the start body decides the framing, the detach keys end a TTY
 * stream and leave the process running, a command that cannot start exits 126 or 127 with the runtime's text.
 */
class ModernExecAttachEdgesTest {
  static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n";
  static final byte[] CTRL_P_Q = {16, 17};

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
      .clock(clock));
  RawHttp http;

  @BeforeEach
  void start() {
    daemon.docker().preload("busybox:latest");
    http = daemon.http();
    Json.create(http, "/v1.50/containers/create?name=sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/start").status()).isEqualTo(204);
  }

  String exec(String body) {
    Response r = http.post("/v1.50/containers/sleeper/exec", "application/json", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return tree(r).get("Id").asText();
  }

  RawHttp.Hijacked startExec(String id, boolean tty) throws IOException {
    return http.hijack("POST", "/v1.50/exec/" + id + "/start", UPGRADE, "{\"Detach\":false,\"Tty\":" + tty + "}");
  }

  @Test
  void an_exec_created_with_a_tty_but_started_without_one_is_framed() throws Exception {
    String id = exec("{\"Tty\":true,\"AttachStdout\":true,\"AttachStderr\":true,"
        + "\"Cmd\":[\"sh\",\"-c\",\"echo hi; echo oops >&2\"]}");
    try (RawHttp.Hijacked h = startExec(id, false)) {
      assertThat(h.head).startsWith("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream"
          + "\r\n");
      // the process has a terminal: both its streams are the terminal's output, framed as stdout
      assertThat(h.rest()).isEqualTo(concat(frame(1, "hi\r\n"), frame(1, "oops\r\n")));
    }
  }

  @Test
  void an_exec_created_without_a_tty_but_started_with_one_is_raw() throws Exception {
    String id = exec("{\"Tty\":false,\"AttachStdout\":true,\"AttachStderr\":true,"
        + "\"Cmd\":[\"sh\",\"-c\",\"echo hi; echo oops >&2\"]}");
    try (RawHttp.Hijacked h = startExec(id, true)) {
      assertThat(h.head).startsWith("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n");
      assertThat(new String(h.rest(), StandardCharsets.UTF_8)).isEqualTo("hi\noops\n");
    }
  }

  @Test
  void the_default_detach_keys_end_a_tty_exec_stream_and_the_command_runs_on() throws Exception {
    String id = exec("{\"Tty\":true,\"AttachStdin\":true,\"AttachStdout\":true,\"Cmd\":[\"cat\"]}");
    try (RawHttp.Hijacked h = startExec(id, true)) {
      h.out().write(CTRL_P_Q);
      h.out().flush();
      assertThat(h.rest()).isEmpty(); // the daemon closed the stream
    }
    assertThat(tree(http.get("/v1.50/exec/" + id + "/json")).get("Running").asBoolean()).isTrue();
    assertThat(events("exec_detach")).contains("\"execID\":\"" + id + "\"");
  }

  @Test
  void an_exec_with_its_own_detach_keys_ends_on_those_and_passes_the_default_ones_through() throws Exception {
    String id = exec("{\"Tty\":true,\"AttachStdin\":true,\"AttachStdout\":true,\"DetachKeys\":\"ctrl-x,y\","
        + "\"Cmd\":[\"cat\"]}");
    try (RawHttp.Hijacked h = startExec(id, true)) {
      h.out().write(new byte[] {16, 17, '\n'});
      h.out().flush();
      assertThat(readUntil(h.socket.getInputStream(), "\u0010\u0011")).contains("\u0010\u0011");
      h.out().write(new byte[] {24, 'y'});
      h.out().flush();
      h.rest(); // ends: the daemon closed the stream
    }
    JsonNode inspect = tree(http.get("/v1.50/exec/" + id + "/json"));
    assertThat(inspect.get("Running").asBoolean()).isTrue();
    assertThat(inspect.get("DetachKeys").asText()).isEqualTo("GHk="); // the key bytes, base64 as Go prints []byte
  }

  @Test
  void without_a_tty_the_detach_keys_are_ordinary_input() throws Exception {
    String id = exec("{\"AttachStdin\":true,\"AttachStdout\":true,\"Cmd\":[\"cat\"]}");
    try (RawHttp.Hijacked h = startExec(id, false)) {
      h.out().write(CTRL_P_Q);
      h.socket.shutdownOutput();
      assertThat(h.rest()).isEqualTo(frame(1, "\u0010\u0011"));
    }
    assertThat(tree(http.get("/v1.50/exec/" + id + "/json")).get("ExitCode").asInt()).isZero();
  }

  @Test
  void invalid_detach_keys_are_refused_with_the_daemon_texts() throws Exception {
    Response exec = http.post("/v1.50/containers/sleeper/exec", "application/json",
        "{\"DetachKeys\":\"ctrl-xx\",\"Cmd\":[\"true\"]}");
    assertThat(exec.status()).isEqualTo(500);
    assertThat(exec.text()).isEqualTo("{\"message\":\"Invalid escape keys (ctrl-xx) provided\"}\n");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/sleeper/attach?stream=1&stdin=1&detachKeys=a,,b",
        UPGRADE, "")) {
      assertThat(h.head).isEqualTo("HTTP/1.1 400 Bad Request\r\nContent-Type: application/vnd.docker.raw-stream"
          + "\r\n\r\n");
      assertThat(new String(h.rest(), StandardCharsets.UTF_8)).isEqualTo("Invalid detach keys (a,,b) provided\r\n");
    }
    assertThat(http.get("/v1.50/containers/sleeper/json").status()).isEqualTo(200); // still serving
    http.post("/v1.50/containers/sleeper/kill");
    Response stopped = http.post("/v1.50/containers/sleeper/exec", "application/json",
        "{\"DetachKeys\":\"ctrl-xx\",\"Cmd\":[\"true\"]}");
    assertThat(stopped.status()).as("the container's state is checked first").isEqualTo(409);
  }

  @Test
  void detach_keys_end_a_tty_attach_and_the_container_runs_on_with_its_stdin_open() throws Exception {
    Json.create(http, "/v1.50/containers/create?name=term",
        "{\"Image\":\"busybox\",\"Tty\":true,\"OpenStdin\":true,\"Cmd\":[\"cat\"]}");
    assertThat(http.post("/v1.50/containers/term/start").status()).isEqualTo(204);
    String attach = "/v1.50/containers/term/attach?stream=1&stdin=1&stdout=1&stderr=1";
    try (RawHttp.Hijacked h = http.hijack("POST", attach + "&detachKeys=ctrl-a", UPGRADE, "")) {
      assertThat(h.head).startsWith("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n");
      h.out().write(1);
      h.out().flush();
      assertThat(h.rest()).isEmpty();
    }
    assertThat(tree(http.get("/v1.50/containers/term/json")).at("/State/Running").asBoolean()).isTrue();
    try (RawHttp.Hijacked h = http.hijack("POST", attach, UPGRADE, "")) {
      h.out().write("again\n".getBytes(StandardCharsets.UTF_8));
      h.out().flush();
      assertThat(readUntil(h.socket.getInputStream(), "again")).contains("again");
      h.out().write(CTRL_P_Q);
      h.out().flush();
      h.rest();
    }
    assertThat(tree(http.get("/v1.50/containers/term/json")).at("/State/Running").asBoolean()).isTrue();
    assertThat(events("detach")).contains("\"Action\":\"detach\"");
  }

  @Test
  void an_attach_with_only_stdin_ends_on_the_detach_keys() throws Exception {
    Json.create(http, "/v1.50/containers/create?name=term",
        "{\"Image\":\"busybox\",\"Tty\":true,\"OpenStdin\":true,\"Cmd\":[\"cat\"]}");
    assertThat(http.post("/v1.50/containers/term/start").status()).isEqualTo(204);
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/containers/term/attach?stream=1&stdin=1", UPGRADE, "")) {
      h.out().write(CTRL_P_Q);
      h.out().flush();
      assertThat(h.rest()).isEmpty();
    }
    assertThat(tree(http.get("/v1.50/containers/term/json")).at("/State/Running").asBoolean()).isTrue();
  }

  @Test
  void a_directory_or_a_file_without_the_exec_bit_exits_126() throws Exception {
    String dir = exec("{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"/etc\"]}");
    try (RawHttp.Hijacked h = startExec(dir, false)) {
      assertThat(h.rest()).isEqualTo(frame(1, "OCI runtime exec failed: exec failed: unable to start container "
          + "process: exec: \"/etc\": is a directory: unknown: permission denied\r\n"));
    }
    assertThat(tree(http.get("/v1.50/exec/" + dir + "/json")).get("ExitCode").asInt()).isEqualTo(126);
    String write = exec("{\"Cmd\":[\"sh\",\"-c\",\"echo echo hi > /tmp/script\"]}");
    try (RawHttp.Hijacked h = startExec(write, false)) {
      h.rest();
    }
    String file = exec("{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"/tmp/script\"]}");
    try (RawHttp.Hijacked h = startExec(file, true)) {
      assertThat(new String(h.rest(), StandardCharsets.UTF_8)).isEqualTo("OCI runtime exec failed: exec failed: "
          + "unable to start container process: exec: \"/tmp/script\": permission denied: unknown\r\n");
    }
    assertThat(tree(http.get("/v1.50/exec/" + file + "/json")).get("ExitCode").asInt()).isEqualTo(126);
  }

  @Test
  void a_missing_command_exits_127() throws Exception {
    String bare = exec("{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"frobnicate\",\"-x\"]}");
    try (RawHttp.Hijacked h = startExec(bare, false)) {
      assertThat(h.rest()).isEqualTo(frame(1, "OCI runtime exec failed: exec failed: unable to start container "
          + "process: exec: \"frobnicate\": executable file not found in $PATH: unknown\r\n"));
    }
    assertThat(tree(http.get("/v1.50/exec/" + bare + "/json")).get("ExitCode").asInt()).isEqualTo(127);
    String path = exec("{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"/no/such\"]}");
    try (RawHttp.Hijacked h = startExec(path, false)) {
      assertThat(h.rest()).isEqualTo(frame(1, "OCI runtime exec failed: exec failed: unable to start container "
          + "process: exec: \"/no/such\": stat /no/such: no such file or directory: unknown\r\n"));
    }
    assertThat(tree(http.get("/v1.50/exec/" + path + "/json")).get("ExitCode").asInt()).isEqualTo(127);
  }

  /** The events named {@code action} so far. */
  String events(String action) {
    clock.advance(Duration.ofSeconds(2));
    return http.get("/v1.50/events?since=0&until=" + (T0.getEpochSecond() + 1)
        + "&filters=%7B%22event%22%3A%5B%22" + action + "%22%5D%7D").text();
  }

  /** Reads until {@code wanted} has arrived (the socket's read timeout bounds it). */
  static String readUntil(InputStream in, String wanted) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[256];
    while (!got.toString(StandardCharsets.UTF_8).contains(wanted)) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      got.write(buf, 0, n);
    }
    return got.toString(StandardCharsets.UTF_8);
  }
}
