package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.internal.engine.Container;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DaemonWaits} for containers: running, exited, exited with an expected code. */
class ContainerWaitsTest {
  private static final Pattern ID = Pattern.compile("\\{\"Id\":\"([0-9a-f]{12})\"}");
  private static final Duration SHORT = Duration.ofMillis(50);

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.clock(RequestJournalTest.fixedClock()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  String create(String command) {
    Response r = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"" + command + "\"]}");
    Matcher m = ID.matcher(r.text());
    assertThat(m.matches()).as(r.text()).isTrue();
    return m.group(1);
  }

  @Test
  void running_returns_the_container_once_its_process_runs() {
    ScriptHandle serve = docker.script(ProcessMatch.command("serve"),
        ProcessScript.builder().awaitExit().build());
    String id = create("serve");
    CompletableFuture<?> start = CompletableFuture.runAsync(() -> http.post("/v1.2/containers/" + id + "/start"));
    ContainerInfo running = docker.await().running(id);
    assertThat(running.id()).startsWith(id).hasSize(64);
    assertThat(running.running()).isTrue();
    start.join();
    serve.exit(0);
  }

  @Test
  void exited_returns_the_exit_code_once_the_process_ends() {
    ScriptHandle serve = docker.script(ProcessMatch.command("serve"),
        ProcessScript.builder().awaitExit().build());
    String id = create("serve");
    assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
    CompletableFuture<?> release = CompletableFuture.runAsync(() -> serve.exit(3));
    assertThat(docker.await().exited(id)).isEqualTo(3);
    release.join();
  }

  @Test
  void exited_with_the_expected_code_returns_it() {
    docker.script(ProcessMatch.command("fail"), ProcessScript.builder().exit(7).build());
    String id = create("fail");
    http.post("/v1.2/containers/" + id + "/start");
    assertThat(docker.await().exited(id, 7)).isEqualTo(7);
  }

  @Test
  void exited_with_another_code_fails_naming_both_codes_and_showing_the_journal() {
    docker.script(ProcessMatch.command("fail"), ProcessScript.builder().exit(1).build());
    String id = create("fail");
    http.post("/v1.2/containers/" + id + "/start");
    assertThatThrownBy(() -> docker.await().exited(id, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("container " + id + " exited with code 1, expected 0\n"
            + "request journal (2 requests)\n  12:00:01.250 POST /v1.2/containers/create 201 ")
        .hasMessageContaining("\n  12:00:01.250 POST /v1.2/containers/" + id + "/start 204 ");
  }

  @Test
  void a_container_never_started_has_not_exited() {
    String id = create("true");
    assertThatThrownBy(() -> docker.await().atMost(SHORT).exited(id))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 50ms waiting for container " + id + " exited; saw container " + id
            + " created, never started\nrequest journal (1 requests)\n  12:00:01.250 POST /v1.2/containers/create 201 ");
  }

  @Test
  void waiting_for_an_exited_container_to_run_shows_its_exit_code() {
    docker.script(ProcessMatch.command("fail"), ProcessScript.builder().exit(2).build());
    String id = create("fail");
    http.post("/v1.2/containers/" + id + "/start");
    assertThat(docker.await().exited(id)).isEqualTo(2);
    assertThatThrownBy(() -> docker.await().atMost(SHORT).running(id))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 50ms waiting for container " + id + " running; saw container " + id
            + " exited with code 2\nrequest journal (2 requests)\n");
  }

  @Test
  void waiting_for_a_running_container_to_exit_shows_its_pid() {
    ScriptHandle serve = docker.script(ProcessMatch.command("serve"),
        ProcessScript.builder().awaitExit().build());
    String id = create("serve");
    http.post("/v1.2/containers/" + id + "/start");
    int pid = docker.await().running(id).pid();
    assertThatThrownBy(() -> docker.await().atMost(SHORT).exited(id))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("timed out after 50ms waiting for container " + id + " exited; saw container " + id
            + " running (pid " + pid + ")\nrequest journal (2 requests)\n");
    serve.exit(0);
  }

  @Test
  void an_unknown_container_is_waited_for_and_reported_as_missing() {
    assertThatThrownBy(() -> docker.await().atMost(SHORT).running("0123456789ab"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after 50ms waiting for container 0123456789ab running; "
            + "saw no such container: 0123456789ab\nrequest journal (0 requests)");
  }
}
