package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Testcontainers' in-container port check answered as a built-in (it reads ports a simulated process cannot see). */
class ModernPortCheckTest {
  VirtualClock clock;
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
    Json.create(http, "/v1.50/containers/create?name=web", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],"
        + "\"ExposedPorts\":{\"80/tcp\":{}},\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"\"}]}}}");
    assertThat(http.post("/v1.50/containers/web/start").status()).isEqualTo(204);
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  /** The command Testcontainers 2.0 runs for {@code Wait.forListeningPort()}, for one port. */
  static String check(int port) {
    return "while true; do ( true  &&  (grep -i ':0*" + Integer.toHexString(port) + "' /proc/net/tcp* || nc -vz -w 1 "
        + "localhost " + port + " || /bin/bash -c '</dev/tcp/localhost/" + port + "') ) && exit 0 || sleep 0.1; done";
  }

  String exec(String command) {
    return Json.create(http, "/v1.50/containers/web/exec", "{\"Cmd\":[\"/bin/sh\",\"-c\","
        + Json.MAPPER.valueToTree(command) + "],\"AttachStdout\":true,\"AttachStderr\":true}");
  }

  @Test
  void an_exposed_port_passes_at_once_with_no_output() throws IOException {
    String id = exec(check(80));
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + id + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"Detach\":false}")) {
      assertThat(h.rest()).isEmpty();
    }
    assertThat(tree(http.get("/v1.50/exec/" + id + "/json")).get("ExitCode").asInt()).isEqualTo(0);
  }

  @Test
  void a_port_nothing_listens_on_keeps_the_loop_going_on_the_clock() throws InterruptedException {
    String id = exec(check(5432));
    assertThat(http.post("/v1.50/exec/" + id + "/start", "application/json", "{\"Detach\":true}").status())
        .isEqualTo(200);
    clock.awaitSleepers(2, Duration.ofSeconds(10)); // the container's sleep and the check's 0.1 s pause
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> clock.sleepers() == 2);
    assertThat(tree(http.get("/v1.50/exec/" + id + "/json")).get("Running").asBoolean()).isTrue();
  }

  @Test
  void other_loops_run_in_the_mini_shell() throws IOException {
    String id = exec("while true; do ( true ) && exit 0; done");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + id + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"Detach\":false}")) {
      assertThat(h.rest()).isEmpty();
    }
    assertThat(tree(http.get("/v1.50/exec/" + id + "/json")).get("ExitCode").asInt()).isEqualTo(0);
    String broken = exec("while true; do ( true ) && exit 0; fi");
    try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + broken + "/start",
        "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"Detach\":false}")) {
      assertThat(new String(h.rest())).contains("Syntax error: \"fi\" unexpected (expecting \"done\")");
    }
    assertThat(tree(http.get("/v1.50/exec/" + broken + "/json")).get("ExitCode").asInt()).isEqualTo(2);
  }
}
