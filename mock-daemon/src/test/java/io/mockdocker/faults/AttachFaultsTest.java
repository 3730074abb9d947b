package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults on a hijacked attach stream, through the wrapper around the session's output. */
class AttachFaultsTest {
  static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()));
  MockDocker docker;
  RawHttp http;
  String id;

  @BeforeEach
  void start() throws Exception {
    docker = daemon.docker();
    String img = Fixed.id('d');
    docker.registry().image(RemoteImage.builder(img).file("/etc/hostname", "x\n").build()).tag("img", "latest", img);
    docker.preload("img");
    http = daemon.http();
    docker.script(ProcessMatch.any(), ProcessScript.builder().stdout("one\ntwo\nthree\n").build());
    id = new ObjectMapper().readTree(http.post("/containers/create", "application/json",
        "{\"Image\":\"img\",\"Cmd\":[\"x\"]}").body()).get("Id").asText();
    http.post("/containers/" + id + "/start");
    http.post("/containers/" + id + "/wait");
  }

  @Test
  void close_attach_early_ends_the_stream_after_n_bytes_with_a_fin() {
    docker.on(Match.attach(id)).afterBytes(6).closeAttachEarly();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", "/containers/" + id + "/attach?logs=1&stdout=1");
    assertThat(r.text()).isEqualTo(HEAD + "one\ntw");
    assertThat(r.failure()).isNull();
  }

  @Test
  void a_reset_after_one_line_of_an_attach_resets_after_exactly_that_line() {
    docker.on("POST", "/containers/*/attach").afterMessages(1).reset();
    RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", "/containers/" + id + "/attach?logs=1&stdout=1");
    assertThat(r.text()).isEqualTo(HEAD + "one\n");
    assertThat(r.reset()).as(String.valueOf(r.failure())).isTrue();
  }
}
