package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restart policies over the wire: the restarting state in inspect and list, RestartCount, events, create checks. */
class ModernRestartTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(10);

  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults())
      .profile(ApiProfile.modern()).clock(clock).preload("busybox:latest"));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void connect() {
    docker = daemon.docker();
    http = daemon.http();
  }

  String run(String name, String cmd, String policy) {
    String id = Json.create(http, "/v1.50/containers/create?name=" + name, "{\"Image\":\"busybox\",\"Cmd\":[\"sh\","
        + "\"-c\",\"" + cmd + "\"],\"HostConfig\":{\"RestartPolicy\":" + policy + "}}");
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return id;
  }

  JsonNode inspect(String name) {
    return tree(http.get("/v1.50/containers/" + name + "/json"));
  }

  String status(String name) {
    return inspect(name).get("State").get("Status").asText();
  }

  long starts() {
    return Engines.of(docker).events().history().stream().filter(e -> e.action().equals("start")).count();
  }

  static String message(String text) {
    return "{\"message\":\"" + text.replace("\"", "\\\"") + "\"}\n";
  }

  @Test
  void a_crash_loop_under_on_failure_3_is_watched_with_the_virtual_clock() throws Exception {
    run("crasher", "exit 1", "{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
    Awaitility.await().atMost(WAIT).until(() -> status("crasher").equals("restarting"));
    JsonNode restarting = inspect("crasher");
    JsonNode state = restarting.get("State");
    assertThat(state.get("Running").asBoolean()).isTrue();
    assertThat(state.get("Restarting").asBoolean()).isTrue();
    assertThat(state.get("Pid").asInt()).isZero();
    assertThat(state.get("ExitCode").asInt()).isEqualTo(1);
    assertThat(restarting.get("RestartCount").asInt()).isEqualTo(1);
    assertThat(restarting.get("HostConfig").get("RestartPolicy").toString())
        .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");

    clock.awaitSleepers(1, WAIT); // the first back-off
    JsonNode row = tree(http.get("/v1.50/containers/json")).get(0);
    assertThat(row.get("State").asText()).isEqualTo("restarting");
    assertThat(row.get("Status").asText()).isEqualTo("Restarting (1) Less than a second ago");

    long[] backOff = {100, 200, 400};
    for (int k = 0; k < backOff.length; k++) {
      long expected = k + 2;
      clock.awaitSleepers(1, WAIT);
      clock.advance(Duration.ofMillis(backOff[k]));
      Awaitility.await().atMost(WAIT).until(() -> starts() == expected);
    }
    Awaitility.await().atMost(WAIT).until(() -> status("crasher").equals("exited"));
    JsonNode done = inspect("crasher");
    assertThat(done.get("RestartCount").asInt()).isEqualTo(3);
    assertThat(done.get("State").get("Restarting").asBoolean()).isFalse();
    assertThat(done.get("State").get("Running").asBoolean()).isFalse();
    assertThat(Engines.of(docker).events().history()).filteredOn(e -> e.action().equals("die"))
        .hasSize(4).allSatisfy(e -> assertThat(e.attributes()).containsEntry("exitCode", "1")
            .containsKey("execDuration"));
  }

  @Test
  void stop_ends_a_restarting_container_and_start_is_a_304_meanwhile() throws Exception {
    run("looper", "exit 3", "{\"Name\":\"always\"}");
    Awaitility.await().atMost(WAIT).until(() -> status("looper").equals("restarting"));
    assertThat(http.post("/v1.50/containers/looper/start").status()).isEqualTo(304);
    Response exec = http.post("/v1.50/containers/looper/exec", "application/json", "{\"Cmd\":[\"true\"]}");
    assertThat(exec.status()).isEqualTo(409);
    assertThat(exec.text()).isEqualTo(message("Container " + inspect("looper").get("Id").asText()
        + " is restarting, wait until the container is running"));
    Response pause = http.post("/v1.50/containers/looper/pause");
    assertThat(pause.status()).isEqualTo(409);
    assertThat(pause.text()).isEqualTo(exec.text());
    Response rm = http.delete("/v1.50/containers/looper");
    assertThat(rm.status()).isEqualTo(409);
    assertThat(rm.text()).isEqualTo(message("cannot remove container \"/looper\": container is restarting: stop the"
        + " container before removing or force remove"));
    assertThat(http.post("/v1.50/containers/looper/stop").status()).isEqualTo(204);
    assertThat(status("looper")).isEqualTo("exited");
    assertThat(inspect("looper").get("State").get("ExitCode").asInt()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(1));
    assertThat(status("looper")).isEqualTo("exited");
    assertThat(starts()).isEqualTo(1);
    assertThat(http.post("/v1.50/containers/looper/stop").status()).isEqualTo(304);
  }

  @Test
  void unless_stopped_restarts_a_clean_exit() throws Exception {
    run("worker", "exit 0", "{\"Name\":\"unless-stopped\"}");
    Awaitility.await().atMost(WAIT).until(() -> status("worker").equals("restarting"));
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofMillis(100));
    Awaitility.await().atMost(WAIT).until(() -> starts() == 2);
  }

  @Test
  void a_forced_removal_during_the_restarts_stop_fails_the_restart_with_the_daemons_words() throws Exception {
    run("holder", "trap '' TERM; while true; do sleep 1; done", "{\"Name\":\"no\"}");
    clock.awaitSleepers(1, WAIT); // the loop's sleep
    CompletableFuture<Response> restart = CompletableFuture.supplyAsync(() ->
        new RawHttp(docker.uri()).post("/v1.50/containers/holder/restart?t=30"));
    clock.awaitSleepers(2, WAIT); // the stop's grace: SIGTERM is ignored
    assertThat(http.delete("/v1.50/containers/holder?force=1").status()).isEqualTo(204);
    Response r = restart.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo(message(
        "Cannot restart container holder: container is marked for removal and cannot be started"));
    assertThat(http.get("/v1.50/containers/json?all=1").text()).isEqualTo("[]\n");
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }

  @Test
  void create_checks_the_policy_as_the_daemon_does() {
    Object[][] cases = {
        {"{\"Name\":\"sometimes\"}", "invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always',"
            + " 'on-failure', or 'unless-stopped'"},
        {"{\"Name\":\"always\",\"MaximumRetryCount\":2}",
            "invalid restart policy: maximum retry count can only be used with 'on-failure'"},
        {"{\"Name\":\"no\",\"MaximumRetryCount\":-1},\"AutoRemove\":false",
            "invalid restart policy: maximum retry count can only be used with 'on-failure' and cannot be negative"},
        {"{\"Name\":\"on-failure\",\"MaximumRetryCount\":-1}",
            "invalid restart policy: maximum retry count cannot be negative"},
        {"{\"Name\":\"always\"},\"AutoRemove\":true", "can't create 'AutoRemove' container with restart policy"},
    };
    for (Object[] c : cases) {
      Response r = http.post("/v1.50/containers/create", "application/json",
          "{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":" + c[0] + "}}");
      assertThat(r.status()).as((String) c[0]).isEqualTo(400);
      assertThat(r.text()).isEqualTo(message((String) c[1]));
    }
    assertThat(http.get("/v1.50/containers/json?all=1").text()).isEqualTo("[]\n");
  }
}
