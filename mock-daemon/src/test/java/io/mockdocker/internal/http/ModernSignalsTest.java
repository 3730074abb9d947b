package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Frames;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kill and stop with a signal, StopSignal and StopTimeout over the wire: statuses, error texts, JSON, events. */
class ModernSignalsTest {
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

  String run(String name, String body) throws InterruptedException {
    String id = Json.create(http, "/v1.50/containers/create?name=" + name, body);
    assertThat(http.post("/v1.50/containers/" + name + "/start").status()).isEqualTo(204);
    return id;
  }

  String runSleeping(String name, String body) throws InterruptedException {
    String id = run(name, body);
    clock.awaitSleepers(1, WAIT);
    return id;
  }

  JsonNode state(String name) {
    return tree(http.get("/v1.50/containers/" + name + "/json")).get("State");
  }

  int awaitExitCode(String name) {
    Awaitility.await().atMost(WAIT).until(() -> state(name).get("Status").asText().equals("exited"));
    return state(name).get("ExitCode").asInt();
  }

  static String message(String text) {
    return "{\"message\":\"" + text.replace("\"", "\\\"") + "\"}\n";
  }

  @Test
  void kill_with_hup_by_name_number_or_sig_name_ends_a_sleep_with_129() throws Exception {
    String[] signals = {"HUP", "SIGHUP", "sighup", "1"};
    for (int k = 0; k < signals.length; k++) {
      String signal = signals[k];
      String name = "sleeper" + k;
      runSleeping(name, "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
      Response kill = http.post("/v1.50/containers/" + name + "/kill?signal=" + signal);
      assertThat(kill.status()).isEqualTo(204);
      assertThat(kill.text()).isEmpty();
      assertThat(awaitExitCode(name)).as(signal).isEqualTo(129);
    }
    assertThat(Engines.of(docker).events().history()).filteredOn(e -> e.action().equals("kill"))
        .extracting(e -> e.attributes().get("signal")).containsExactly("1", "1", "1", "1");
  }

  @Test
  void an_unknown_or_unsupported_signal_is_a_400_and_the_container_runs_on() throws Exception {
    runSleeping("sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    Response bad = http.post("/v1.50/containers/sleeper/kill?signal=SIGFOO");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo(message("cannot kill container: sleeper: invalid signal: SIGFOO"));
    Response zero = http.post("/v1.50/containers/sleeper/kill?signal=0");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.text()).isEqualTo(message("cannot kill container: sleeper: invalid signal: 0"));
    Response unsupported = http.post("/v1.50/containers/sleeper/kill?signal=32");
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.text())
        .isEqualTo(message("cannot kill container: sleeper: the linux daemon does not support signal 32"));
    // the signal is read before the container is looked up
    assertThat(http.post("/v1.50/containers/nosuch/kill?signal=FOO").status()).isEqualTo(400);
    Response stop = http.post("/v1.50/containers/sleeper/stop?signal=FOO");
    assertThat(stop.status()).isEqualTo(400);
    assertThat(stop.text()).isEqualTo(message("cannot stop container: sleeper: invalid signal: FOO"));
    assertThat(state("sleeper").get("Running").asBoolean()).isTrue();
  }

  @Test
  void a_signal_ignored_by_default_leaves_the_container_running() throws Exception {
    runSleeping("sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/kill?signal=WINCH").status()).isEqualTo(204);
    clock.awaitSleepers(1, WAIT);
    assertThat(state("sleeper").get("Status").asText()).isEqualTo("running");
  }

  @Test
  void kill_usr1_with_a_trap_prints_and_goes_on_and_stop_of_a_term_trap_exits_0() throws Exception {
    runSleeping("trapper", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\","
        + "\"trap 'echo usr1' USR1; trap 'echo bye; exit 0' TERM; sleep 100; sleep 100\"]}");
    assertThat(http.post("/v1.50/containers/trapper/kill?signal=SIGUSR1").status()).isEqualTo(204);
    clock.awaitSleepers(1, WAIT);
    assertThat(state("trapper").get("Running").asBoolean()).isTrue();
    assertThat(http.post("/v1.50/containers/trapper/stop").status()).isEqualTo(204);
    assertThat(state("trapper").get("ExitCode").asInt()).isZero();
    assertThat(logs("trapper")).isEqualTo("usr1\nbye\n");
  }

  @Test
  void stop_signal_and_timeout_from_create_show_in_inspect_and_drive_stop() throws Exception {
    docker.load(Scenario.fromJson("{\"processes\": [{\"match\": {\"command\": [\"worker\"]},"
        + " \"steps\": [{\"stdout\": \"up\\n\"}, {\"awaitExit\": true}],"
        + " \"onSignal\": {\"SIGQUIT\": {\"print\": \"draining\\n\", \"exit\": 4}, \"TERM\": {\"ignore\": true}}}]}"));
    run("worker", "{\"Image\":\"busybox\",\"Cmd\":[\"worker\"],\"StopSignal\":\"SIGQUIT\",\"StopTimeout\":30}");
    JsonNode config = tree(http.get("/v1.50/containers/worker/json")).get("Config");
    assertThat(config.get("StopSignal").asText()).isEqualTo("SIGQUIT");
    assertThat(config.get("StopTimeout").asInt()).isEqualTo(30);
    assertThat(http.post("/v1.50/containers/worker/stop").status()).isEqualTo(204);
    assertThat(state("worker").get("ExitCode").asInt()).isEqualTo(4);
    Awaitility.await().atMost(WAIT).until(() -> logs("worker").equals("up\ndraining\n"));
    assertThat(Engines.of(docker).events().history()).filteredOn(e -> e.action().equals("kill"))
        .extracting(e -> e.attributes().get("signal")).containsExactly("3");
  }

  @Test
  void stop_timeout_from_create_is_the_wait_before_the_kill_and_t_overrides_it() throws Exception {
    docker.load(Scenario.fromJson("{\"processes\": [{\"match\": {\"command\": [\"stubborn\"]},"
        + " \"steps\": [{\"awaitExit\": true}], \"ignoreSigterm\": true}]}"));
    run("stubborn", "{\"Image\":\"busybox\",\"Cmd\":[\"stubborn\"],\"StopTimeout\":2}");
    java.util.concurrent.CompletableFuture<Response> stop =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/v1.50/containers/stubborn/stop"));
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofMillis(1999));
    clock.awaitSleepers(1, WAIT);
    assertThat(stop).isNotDone();
    clock.advance(Duration.ofMillis(1));
    assertThat(stop.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(204);
    assertThat(state("stubborn").get("ExitCode").asInt()).isEqualTo(137);
  }

  @Test
  void a_kill_during_a_long_stop_ends_the_container_at_once_and_the_stop_returns() throws Exception {
    docker.load(Scenario.fromJson("{\"processes\": [{\"match\": {\"command\": [\"stubborn\"]},"
        + " \"steps\": [{\"awaitExit\": true}], \"ignoreSigterm\": true}]}"));
    run("stubborn", "{\"Image\":\"busybox\",\"Cmd\":[\"stubborn\"]}");
    java.util.concurrent.CompletableFuture<Response> stop = java.util.concurrent.CompletableFuture.supplyAsync(() ->
        new RawHttp(docker.uri()).post("/v1.50/containers/stubborn/stop?t=300"));
    clock.awaitSleepers(1, WAIT); // the stop's grace, on the clock that never moves here
    assertThat(http.post("/v1.50/containers/stubborn/kill").status()).isEqualTo(204);
    assertThat(stop.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(204);
    assertThat(state("stubborn").get("ExitCode").asInt()).isEqualTo(137);
  }

  @Test
  void stop_with_a_signal_sends_it_and_an_invalid_stop_signal_at_create_is_a_400() throws Exception {
    runSleeping("sleeper", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    assertThat(http.post("/v1.50/containers/sleeper/stop?signal=SIGINT&t=5").status()).isEqualTo(204);
    assertThat(state("sleeper").get("ExitCode").asInt()).isEqualTo(130);
    Response create = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"StopSignal\":\"SIGNOPE\"}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.text()).isEqualTo(message("invalid signal: SIGNOPE"));
  }

  @Test
  void kill_of_a_stopped_container_is_a_409_in_the_daemons_words() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create?name=idle", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response kill = http.post("/v1.50/containers/idle/kill?signal=HUP");
    assertThat(kill.status()).isEqualTo(409);
    assertThat(kill.text()).isEqualTo(message("cannot kill container: idle: container " + id + " is not running"));
  }

  @Test
  void stopsignal_in_a_dockerfile_goes_into_the_image_and_its_containers_stop_with_it() throws Exception {
    byte[] context = io.mockdocker.testing.Fixed.tar(java.util.Map.of("Dockerfile",
        "FROM busybox\nSTOPSIGNAL SIGUSR2\nCMD [\"sleep\", \"100\"]\n"));
    Response build = http.post("/v1.50/build?t=usr2", "application/x-tar", context);
    assertThat(build.status()).isEqualTo(200);
    assertThat(build.text()).contains("Step 2/3 : STOPSIGNAL SIGUSR2");
    assertThat(tree(http.get("/v1.50/images/usr2/json")).get("Config").get("StopSignal").asText())
        .isEqualTo("SIGUSR2");
    runSleeping("child", "{\"Image\":\"usr2\"}");
    assertThat(tree(http.get("/v1.50/containers/child/json")).get("Config").get("StopSignal").asText())
        .isEqualTo("SIGUSR2");
    assertThat(http.post("/v1.50/containers/child/stop").status()).isEqualTo(204);
    assertThat(state("child").get("ExitCode").asInt()).isEqualTo(140);

    Response bad = http.post("/v1.50/build?t=bad", "application/x-tar", io.mockdocker.testing.Fixed.tar(
        java.util.Map.of("Dockerfile", "FROM busybox\nSTOPSIGNAL SIGWHAT\n")));
    assertThat(bad.text()).contains("invalid signal: SIGWHAT");
  }

  String logs(String name) {
    return Frames.payloads(http.get("/v1.50/containers/" + name + "/logs?stdout=1&stderr=1").body());
  }
}
