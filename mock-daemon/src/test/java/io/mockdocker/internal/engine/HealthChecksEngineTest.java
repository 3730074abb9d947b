package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.Healthcheck;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks on the engine clock: schedule, results, statuses, events, pause and exit. No HTTP, no real waits. */
class HealthChecksEngineTest {
  static final String IMAGE = "c".repeat(64);
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  final VirtualClock clock = VirtualClock.at(T0);
  final Engine engine = Engine.builder().clock(clock).random(new Random(11)).build();
  final Containers containers = engine.containers();

  HealthChecksEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String run(Healthcheck check, String... cmd) {
    Config config = Config.builder().image("busybox").cmd(cmd).healthcheck(check).build();
    String id = containers.create(config, "", HostConfig.DEFAULT).fullId();
    int before = clock.sleepers();
    containers.start(id);
    try { // the process and the monitor wait on the clock before the test moves it
      clock.awaitSleepers(before + 2, Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return id;
  }

  ContainerHealth health(String id) {
    return containers.inspect(id).health();
  }

  /** Moves the clock by {@code d} once the container's monitor has recorded {@code logged} results. */
  void advanceAfter(String id, int logged, Duration d) {
    await().atMost(5, TimeUnit.SECONDS).until(() -> health(id).log().size() == logged);
    clock.advance(d);
  }

  void awaitLogged(String id, int logged) {
    await().atMost(5, TimeUnit.SECONDS).until(() -> health(id).log().size() == logged);
  }

  List<String> actions(String id) {
    return engine.events().history().stream().filter(e -> e.actorId().equals(id)).map(Event::action).toList();
  }

  @Test
  void a_script_that_writes_the_ready_file_after_a_sleep_turns_the_check_healthy() throws Exception {
    engine.script(ProcessMatch.command("app"), ProcessScript.builder().sleep(Duration.ofSeconds(3))
        .file("/tmp/ready", "").awaitExit().build());
    String id = run(Healthcheck.shell("test -f /tmp/ready").withInterval(Duration.ofSeconds(2)).withRetries(5),
        "app");
    assertThat(health(id)).isEqualTo(new ContainerHealth("starting", 0, List.of()));
    clock.awaitSleepers(2, Duration.ofSeconds(5)); // the script's sleep and the monitor's interval

    clock.advance(Duration.ofSeconds(2)); // t=2: the file is not there yet
    awaitLogged(id, 1);
    ContainerHealth first = health(id);
    assertThat(first.status()).isEqualTo("starting");
    assertThat(first.failingStreak()).isEqualTo(1);
    assertThat(first.log().get(0).exitCode()).isEqualTo(1);
    assertThat(first.log().get(0).start().toInstant()).isEqualTo(T0.plusSeconds(2));

    clock.advance(Duration.ofSeconds(1)); // t=3: the script writes the file
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.sleepers() == 1); // only the monitor waits now
    clock.advance(Duration.ofSeconds(1)); // t=4: the next check passes
    awaitLogged(id, 2);
    ContainerHealth healthy = health(id);
    assertThat(healthy.status()).isEqualTo("healthy");
    assertThat(healthy.failingStreak()).isZero();
    assertThat(healthy.log().get(1)).extracting(ContainerHealth.Result::exitCode, ContainerHealth.Result::output)
        .containsExactly(0, "");
    assertThat(actions(id)).containsSubsequence("start", "exec_create: /bin/sh -c test -f /tmp/ready",
        "exec_start: /bin/sh -c test -f /tmp/ready", "exec_die", "exec_create: /bin/sh -c test -f /tmp/ready",
        "exec_start: /bin/sh -c test -f /tmp/ready", "exec_die", "health_status: healthy");
    assertThat(actions(id)).filteredOn(a -> a.startsWith("health_status")).containsExactly("health_status: healthy");
  }

  @Test
  void retries_failures_in_a_row_make_it_unhealthy_and_the_log_keeps_the_last_five() {
    String id = run(Healthcheck.command("sh", "-c", "echo down; exit 3").withInterval(Duration.ofSeconds(1))
        .withRetries(2), "sleep", "3600");
    clock.advance(Duration.ofSeconds(1));
    advanceAfter(id, 1, Duration.ofSeconds(1));
    awaitLogged(id, 2);
    assertThat(health(id).status()).isEqualTo("unhealthy");
    assertThat(health(id).failingStreak()).isEqualTo(2);
    assertThat(health(id).log().get(0).output()).isEqualTo("down\n");
    assertThat(health(id).log().get(0).exitCode()).isEqualTo(3);
    for (int n = 2; n < 7; n++) {
      advanceAfter(id, Math.min(n, 5), Duration.ofSeconds(1));
      int expected = n + 1;
      await().atMost(5, TimeUnit.SECONDS).until(() -> health(id).failingStreak() == expected);
    }
    assertThat(health(id).log()).hasSize(5);
    assertThat(health(id).log().get(4).start().toInstant()).isEqualTo(T0.plusSeconds(7));
    assertThat(health(id).failingStreak()).isEqualTo(7);
    assertThat(actions(id)).filteredOn(a -> a.startsWith("health_status")).containsExactly("health_status: unhealthy");
    assertThat(actions(id)).contains("exec_create: sh -c echo down; exit 3");
  }

  @Test
  void failures_in_the_start_period_do_not_count_and_it_is_checked_at_the_start_interval() {
    String id = run(Healthcheck.shell("exit 1").withInterval(Duration.ofSeconds(10)).withRetries(1)
        .withStartPeriod(Duration.ofSeconds(5), Duration.ofSeconds(2)), "sleep", "3600");
    clock.advance(Duration.ofSeconds(2)); // the start interval, not the interval
    awaitLogged(id, 1);
    assertThat(health(id).status()).isEqualTo("starting");
    assertThat(health(id).failingStreak()).isZero();
    advanceAfter(id, 1, Duration.ofSeconds(2)); // t=4, still in the start period
    awaitLogged(id, 2);
    assertThat(health(id).failingStreak()).isZero();
    advanceAfter(id, 2, Duration.ofSeconds(2)); // t=6: past it, next check at the start interval, counted
    awaitLogged(id, 3);
    assertThat(health(id).status()).isEqualTo("unhealthy");
    assertThat(health(id).failingStreak()).isEqualTo(1);
    advanceAfter(id, 3, Duration.ofSeconds(2)); // now the interval applies: nothing at t=8
    assertThat(health(id).log()).hasSize(3);
    clock.advance(Duration.ofSeconds(8)); // t=16
    awaitLogged(id, 4);
    assertThat(health(id).log().get(3).start().toInstant()).isEqualTo(T0.plusSeconds(16));
  }

  @Test
  void a_check_that_outlasts_its_timeout_fails_with_minus_one() {
    String id = run(Healthcheck.shell("echo slow; sleep 60").withInterval(Duration.ofSeconds(1))
        .withTimeout(Duration.ofMillis(1500)), "sleep", "3600");
    clock.advance(Duration.ofSeconds(1));
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.sleepers() == 3); // process, the check's sleep, the watchdog
    clock.advance(Duration.ofMillis(1500));
    awaitLogged(id, 1);
    ContainerHealth.Result result = health(id).log().get(0);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.output()).isEqualTo("Health check exceeded timeout (1.5s): slow\n");
    assertThat(result.end().toInstant()).isEqualTo(T0.plusMillis(2500));
    assertThat(health(id).failingStreak()).isEqualTo(1);
  }

  @Test
  void an_unknown_program_fails_with_the_runtime_text_and_a_scripted_check_output_is_cut() {
    String id = run(Healthcheck.command("curl", "-f", "http://localhost/").withInterval(Duration.ofSeconds(1)),
        "sleep", "3600");
    clock.advance(Duration.ofSeconds(1));
    awaitLogged(id, 1);
    assertThat(health(id).log().get(0).exitCode()).isEqualTo(-1);
    assertThat(health(id).log().get(0).output()).isEqualTo("OCI runtime exec failed: exec failed: unable to start"
        + " container process: exec: \"curl\": executable file not found in $PATH: unknown");

    engine.script(ProcessMatch.command("loud-check"), ProcessScript.builder().stdout("0123456789".repeat(500))
        .exit(0).build());
    String loud = run(Healthcheck.command("loud-check").withInterval(Duration.ofSeconds(1)), "sleep", "3600");
    clock.advance(Duration.ofSeconds(1));
    awaitLogged(loud, 1);
    String output = health(loud).log().get(0).output();
    assertThat(output).hasSize(4096 + 3).startsWith("0123456789").endsWith("...");
    assertThat(health(loud).status()).isEqualTo("healthy");
  }

  @Test
  void pause_and_exit_stop_the_checks_and_leave_it_unhealthy_and_a_restart_starts_again() throws Exception {
    String id = run(Healthcheck.shell("true").withInterval(Duration.ofSeconds(1)), "sleep", "3600");
    clock.advance(Duration.ofSeconds(1));
    awaitLogged(id, 1);
    assertThat(health(id).status()).isEqualTo("healthy");

    engine.control().pause(id);
    assertThat(health(id).status()).isEqualTo("unhealthy");
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.sleepers() == 1); // the frozen process only
    clock.advance(Duration.ofSeconds(5));
    assertThat(health(id).log()).hasSize(1);

    engine.control().unpause(id);
    assertThat(health(id).status()).isEqualTo("unhealthy");
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.sleepers() == 2);
    clock.advance(Duration.ofSeconds(1));
    awaitLogged(id, 2);
    assertThat(health(id).status()).isEqualTo("healthy");

    containers.kill(id);
    assertThat(health(id).status()).isEqualTo("unhealthy");
    assertThat(health(id).log()).hasSize(2);
    containers.start(id);
    assertThat(health(id).status()).isEqualTo("starting");
    assertThat(health(id).log()).hasSize(2);
    assertThat(actions(id)).filteredOn(a -> a.startsWith("health_status"))
        .containsExactly("health_status: healthy", "health_status: healthy");
  }

  @Test
  void the_container_check_overrides_the_image_check_member_by_member_and_none_disables_it() {
    Healthcheck image = new Healthcheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(7), Duration.ofSeconds(3),
        Duration.ZERO, Duration.ZERO, 4);
    String checked = "d".repeat(64);
    engine.load(List.of(RemoteImage.builder(checked).config(Config.builder().cmd("sleep", "3600")
        .healthcheck(image).build()).build()));
    engine.tag(checked, "checked", "latest");

    String inherits = containers.create(Config.builder().image("checked").build(), "", HostConfig.DEFAULT).fullId();
    assertThat(containers.inspect(inherits).config().healthcheck()).isEqualTo(image);
    String overrides = containers.create(Config.builder().image("checked").healthcheck(
        new Healthcheck(List.of(), Duration.ofSeconds(2), Duration.ZERO, Duration.ZERO, Duration.ZERO, 0)).build(),
        "", HostConfig.DEFAULT).fullId();
    assertThat(containers.inspect(overrides).config().healthcheck()).isEqualTo(new Healthcheck(
        List.of("CMD-SHELL", "true"), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO, 4));
    String disabled = containers.create(Config.builder().image("checked").healthcheck(Healthcheck.none()).build(),
        "", HostConfig.DEFAULT).fullId();
    containers.start(disabled);
    assertThat(health(disabled)).isNull();
    assertThat(containers.inspect(disabled).config().healthcheck().test()).containsExactly("NONE");
    assertThat(HealthChecks.command(containers.inspect(disabled).config().healthcheck())).isNull();
  }
}
