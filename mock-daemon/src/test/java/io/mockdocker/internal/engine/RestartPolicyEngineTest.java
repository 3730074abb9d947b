package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Restart policies acted on: the back-off on the engine clock, the count, the restarting state, what ends them. */
class RestartPolicyEngineTest {
  static final String IMAGE = "b".repeat(64);
  static final Duration WAIT = Duration.ofSeconds(10);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final Containers containers = engine.containers();

  RestartPolicyEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String start(String policy, int max, String... cmd) {
    HostConfig host = new HostConfig(false, "", null, "", policy, max);
    String id = containers.create(Config.builder().image("busybox").cmd(cmd).build(), "", host).fullId();
    containers.start(id);
    return id;
  }

  ContainerState awaitState(String id, String status) {
    await().atMost(WAIT).until(() -> containers.inspect(id).state().status().equals(status));
    return containers.inspect(id).state();
  }

  long count(String action) {
    return engine.events().history().stream().filter(e -> e.action().equals(action)).count();
  }

  /** Once the back-off sleeps: no restart a millisecond before {@code millis}, the restart at it. */
  void backOff(long millis, long startsBefore) throws InterruptedException {
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofMillis(millis - 1));
    clock.awaitSleepers(1, WAIT);
    assertThat(count("start")).as("not before %d ms", millis).isEqualTo(startsBefore);
    clock.advance(Duration.ofMillis(1));
    await().atMost(WAIT).until(() -> count("start") == startsBefore + 1);
  }

  @Test
  void on_failure_3_crash_loops_with_a_doubling_back_off_then_stays_exited() throws Exception {
    String id = start("on-failure", 3, "sh", "-c", "echo crash; exit 1");
    long[] delays = {100, 200, 400};
    for (int k = 0; k < delays.length; k++) {
      ContainerState s = awaitState(id, "restarting");
      assertThat(s.exitCode()).isEqualTo(1);
      assertThat(containers.inspect(id).restartCount()).isEqualTo(k + 1);
      backOff(delays[k], k + 1);
    }
    ContainerState last = awaitState(id, "exited");
    assertThat(last.exitCode()).isEqualTo(1);
    assertThat(containers.inspect(id).restartCount()).isEqualTo(3);
    assertThat(count("die")).isEqualTo(4);
    assertThat(count("start")).isEqualTo(4);
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void the_back_off_doubles_up_to_a_minute() throws Exception {
    String id = start("always", 0, "false");
    long[] delays = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000};
    for (int k = 0; k < delays.length; k++) {
      backOff(delays[k], k + 1);
    }
    // the last run's exit counts the next restart
    await().atMost(WAIT).until(() -> containers.inspect(id).restartCount() == delays.length + 1);
  }

  @Test
  void on_failure_does_not_restart_a_clean_exit() {
    String id = start("on-failure", 0, "true");
    assertThat(awaitState(id, "exited").exitCode()).isZero();
    assertThat(containers.inspect(id).restartCount()).isZero();
  }

  @Test
  void always_restarts_a_clean_exit_until_the_user_stops_it() throws Exception {
    String id = start("always", 0, "true");
    awaitState(id, "restarting");
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofMillis(100));
    await().atMost(WAIT).until(() -> count("start") == 2 && containers.inspect(id).state().restarting());
    assertThat(containers.inspect(id).restartCount()).isEqualTo(2);
    containers.stop(id, null, 0);
    ContainerState s = containers.inspect(id).state();
    assertThat(s.status()).isEqualTo("exited");
    clock.advance(Duration.ofMinutes(5));
    assertThat(containers.inspect(id).state().status()).isEqualTo("exited");
    assertThat(count("start")).isEqualTo(2);
    assertThat(count("stop")).isEqualTo(1);
  }

  @Test
  void a_kill_by_the_user_ends_always_and_a_new_start_resets_the_count() throws Exception {
    String id = start("always", 0, "sleep", "100");
    clock.awaitSleepers(1, WAIT);
    containers.kill(id);
    assertThat(awaitState(id, "exited").exitCode()).isEqualTo(137);
    assertThat(clock.sleepers()).isZero();
    containers.start(id);
    clock.awaitSleepers(1, WAIT);
    containers.kill(id, 15); // any signal from the user ends the policy when the container sets no stop signal
    assertThat(awaitState(id, "exited").exitCode()).isEqualTo(143);
    assertThat(containers.inspect(id).restartCount()).isZero();
  }

  @Test
  void unless_stopped_restarts_a_crash_and_the_back_off_starts_afresh_after_10_seconds() throws Exception {
    String id = start("unless-stopped", 0, "sh", "-c", "sleep 10; exit 2");
    for (int k = 0; k < 2; k++) {
      clock.awaitSleepers(1, WAIT); // the process's sleep
      clock.advance(Duration.ofSeconds(10));
      awaitState(id, "restarting");
      clock.awaitSleepers(1, WAIT); // 100 ms each time: the run lasted 10 s
      clock.advance(Duration.ofMillis(100));
      await().atMost(WAIT).until(() -> containers.inspect(id).state().running());
    }
    assertThat(containers.inspect(id).restartCount()).isEqualTo(2);
  }

  @Test
  void a_restarting_container_refuses_a_plain_remove_and_a_forced_one_ends_it() throws Exception {
    String id = start("always", 0, "false");
    awaitState(id, "restarting");
    assertThatThrownBy(() -> containers.remove(id, false)).hasMessageContaining("container is restarting");
    containers.remove(id, true);
    assertThat(containers.all()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(count("start")).isEqualTo(1);
  }

  @Test
  void no_never_restarts() throws Exception {
    String id = start("no", 0, "false");
    assertThat(awaitState(id, "exited").exitCode()).isEqualTo(1);
    assertThat(count("start")).isEqualTo(1);
  }
}
