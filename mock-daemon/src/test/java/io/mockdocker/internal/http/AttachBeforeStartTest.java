package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An era attach with {@code stream=1} made before the container's first start: it follows that run (its output, its
 * stdin) and ends when the run's process exits, or when the container is removed instead.
 */
class AttachBeforeStartTest {
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";
  static final Duration WAIT = Duration.ofSeconds(10);

  final VirtualClock clock = VirtualClock.at(Instant.parse("2013-07-01T00:00:00Z"));
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).clock(clock));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    String img = Fixed.id('e');
    docker.registry().image(RemoteImage.builder(img).file("/etc/hostname", "x\n").build()).tag("img", "latest", img);
    docker.preload("img");
    http = daemon.http();
  }

  String create(String json) {
    return Json.create(http, "/v1.2/containers/create", json);
  }


  /** Sends the attach request and reads exactly the head. */
  static Socket attach(MockDocker docker, String path) throws Exception {
    Socket s = new Socket("127.0.0.1", docker.port());
    s.setSoTimeout(10000);
    s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: plain/text\r\n"
        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(s.getInputStream().readNBytes(HEAD.length()), StandardCharsets.US_ASCII)).isEqualTo(HEAD);
    return s;
  }

  static String rest(Socket s) throws Exception {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void stdin_sent_after_the_start_reaches_the_run_and_its_echo_comes_back() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"cat\"],\"OpenStdin\":true,\"StdinOnce\":true,"
        + "\"AttachStdin\":true,\"AttachStdout\":true}");
    try (Socket s = attach(docker, "/v1.2/containers/" + id + "/attach?stream=1&stdin=1&stdout=1")) {
      assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("ping\n");
      s.shutdownOutput();
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(http.post("/v1.2/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
  }

  @Test
  void stdin_half_closed_before_the_start_is_the_run_s_whole_input() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"cat\"],\"OpenStdin\":true,\"StdinOnce\":true}");
    try (Socket s = attach(docker, "/v1.2/containers/" + id + "/attach?stream=1&stdin=1&stdout=1")) {
      s.getOutputStream().write("early\n".getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
      assertThat(rest(s)).isEqualTo("early\n");
    }
  }

  @Test
  void output_of_the_run_that_follows_is_streamed_until_its_process_exits() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"sh\",\"-c\",\"sleep 1; echo later\"]}");
    try (Socket s = attach(docker, "/v1.2/containers/" + id + "/attach?stream=1&stdout=1")) {
      assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
      clock.awaitSleepers(1, WAIT);
      clock.advance(Duration.ofSeconds(1));
      assertThat(rest(s)).isEqualTo("later\n");
    }
  }

  @Test
  void an_attach_waiting_for_a_start_ends_when_the_container_is_removed() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"cat\"],\"OpenStdin\":true}");
    try (Socket out = attach(docker, "/v1.2/containers/" + id + "/attach?stream=1&stdout=1&stderr=1");
        Socket in = attach(docker, "/v1.2/containers/" + id + "/attach?stream=1&stdin=1")) {
      assertThat(http.delete("/v1.2/containers/" + id).status()).isEqualTo(204);
      assertThat(rest(out)).isEmpty();
      assertThat(rest(in)).isEmpty();
    }
  }

  @Test
  void a_stream_on_a_container_that_already_ran_still_ends_after_the_logs() throws Exception {
    String id = create("{\"Image\":\"img\",\"Cmd\":[\"sh\",\"-c\",\"echo done\"]}");
    http.post("/v1.2/containers/" + id + "/start");
    http.post("/v1.2/containers/" + id + "/wait");
    try (Socket s = attach(docker, "/v1.2/containers/" + id + "/attach?logs=1&stream=1&stdout=1")) {
      assertThat(rest(s)).isEqualTo("done\n");
    }
  }
}
