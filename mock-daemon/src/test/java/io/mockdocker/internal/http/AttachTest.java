package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attach over a raw socket: the exact hijack head, raw output, stdin, half-close. */
class AttachTest {
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    String img = Fixed.id('d');
    docker.registry().image(RemoteImage.builder(img).file("/etc/hostname", "x\n").build()).tag("img", "latest", img);
    docker.preload("img");
    http = daemon.http();
  }

  String create(String json) {
    return Json.create(http, "/containers/create", json);
  }


  static String readExactly(InputStream in, int n) throws Exception {
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  static String request(String path) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: plain/text\r\nContent-Length: 0\r\n\r\n";
  }

  @Test
  void the_head_arrives_alone_and_stdin_is_echoed_until_the_client_half_closes() throws Exception {
    docker.script(ProcessMatch.command("cat"), ProcessScript.builder().echoStdin().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"cat\"],\"OpenStdin\":true,\"StdinOnce\":true,"
        + "\"AttachStdin\":true,\"AttachStdout\":true}");
    assertThat(http.post("/containers/" + id + "/start").status()).isEqualTo(204);
    try (Socket s = new Socket("127.0.0.1", docker.port())) {
      s.setSoTimeout(10000);
      s.getOutputStream().write(request("/v1.2/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] first = new byte[4096];
      int n = in.read(first);
      assertThat(new String(first, 0, n, StandardCharsets.US_ASCII)).isEqualTo(HEAD);
      s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readExactly(in, 6)).isEqualTo("hello\n");
      s.getOutputStream().write("again\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readExactly(in, 6)).isEqualTo("again\n");
      s.shutdownOutput();
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    Response logs = http.post("/containers/" + id + "/attach?logs=1&stdout=1");
    assertThat(logs.text()).isEqualTo("hello\nagain\n");
  }

  @Test
  void stream_follows_live_output_until_the_process_exits() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.command("talk"),
        ProcessScript.builder().stdout("one\n").awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"talk\"]}");
    http.post("/containers/" + id + "/start");
    try (Socket s = new Socket("127.0.0.1", docker.port())) {
      s.setSoTimeout(10000);
      s.getOutputStream().write(request("/containers/" + id + "/attach?logs=1&stream=1&stdout=1")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertThat(readExactly(in, HEAD.length())).isEqualTo(HEAD);
      assertThat(readExactly(in, 4)).isEqualTo("one\n");
      h.exit(0);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      assertThat(rest.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void logs_replay_stdout_then_stderr_not_interleaved() throws Exception {
    docker.script(ProcessMatch.any(),
        ProcessScript.builder().stdout("a\n").stderr("B\n").stdout("c\n").build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stdout=1&stderr=1").text()).isEqualTo("a\nc\nB\n");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stderr=1").text()).isEqualTo("B\n");
    assertThat(http.post("/containers/" + id + "/attach?stdout=1").text()).isEmpty();
  }

  @Test
  void a_tty_container_logs_everything_to_stdout_with_crlf() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().stdout("a\n").stderr("b\n").build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"],\"Tty\":true}");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stdout=1&stderr=1").text()).isEqualTo("a\r\nb\r\n");
  }

  @Test
  void logs_accumulate_over_every_run() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().stdout("run\n").build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    assertThat(http.post("/containers/" + id + "/attach?logs=1&stdout=1").text()).isEqualTo("run\nrun\n");
  }

  @Test
  void bad_booleans_and_unknown_containers_answer_before_the_hijack() {
    Response bad = http.post("/containers/whatever/attach?logs=maybe");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("Bad parameter\n");
    Response unknown = http.post("/containers/nope/attach?logs=1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).isEqualTo("No such container: nope\n");
  }

  @Test
  void a_modern_client_asking_for_upgrade_gets_101() throws Exception {
    docker.script(ProcessMatch.any(), ProcessScript.builder().stdout("hi\n").build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
    try (Socket s = new Socket("127.0.0.1", docker.port())) {
      s.setSoTimeout(10000);
      s.getOutputStream().write(("POST /v1.2/containers/" + id + "/attach?logs=1&stdout=1 HTTP/1.1\r\nHost: x\r\n"
          + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(all).isEqualTo("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
          + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\nhi\n");
    }
  }

  @Test
  void the_daemon_keeps_serving_after_a_client_drops_an_attach() throws Exception {
    ScriptHandle h = docker.script(ProcessMatch.any(),
        ProcessScript.builder().stdout("x\n").awaitExit().build());
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"x\"]}");
    http.post("/containers/" + id + "/start");
    try (Socket s = new Socket("127.0.0.1", docker.port())) {
      s.getOutputStream().write(request("/containers/" + id + "/attach?stream=1&stdout=1")
          .getBytes(StandardCharsets.US_ASCII));
      s.getInputStream().readNBytes(HEAD.length());
    }
    h.exit(5);
    assertThat(http.post("/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":5}");
    assertThat(http.get("/version").status()).isEqualTo(200);
  }
}
