package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.SignalAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signals reaching simulated processes (shell traps, script actions, Linux defaults), stop signal and timeout. */
class SignalsEngineTest {
  static final String IMAGE = "b".repeat(64);
  static final Duration WAIT = Duration.ofSeconds(10);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final Containers containers = engine.containers();

  SignalsEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String run(Config.Builder config) throws InterruptedException {
    String id = containers.create(config.image("busybox").build(), "", HostConfig.DEFAULT).fullId();
    containers.start(id);
    return id;
  }

  /** Starts {@code cmd} and waits until it sleeps on the clock. */
  String runSleeping(String... cmd) throws InterruptedException {
    String id = run(Config.builder().cmd(cmd));
    clock.awaitSleepers(1, WAIT);
    return id;
  }

  String logs(String id) throws Exception {
    StringBuilder out = new StringBuilder();
    containers.logs(id, new LogOptions(true, true, null, null, -1, false),
        entry -> out.append(new String(entry.bytes(), java.nio.charset.StandardCharsets.UTF_8)));
    return out.toString();
  }

  ContainerState awaitExit(String id) {
    await().atMost(WAIT).until(() -> containers.inspect(id).state().finishedAt() != null
        && !containers.inspect(id).state().running());
    return containers.inspect(id).state();
  }

  @Test
  void hup_ends_a_plain_sleep_with_129_and_the_kill_event_carries_the_number() throws Exception {
    String id = runSleeping("sleep", "100");
    containers.kill(id, 1);
    assertThat(awaitExit(id).exitCode()).isEqualTo(129);
    assertThat(engine.events().history()).filteredOn(e -> e.action().equals("kill")).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("signal", "1"));
    assertThat(engine.events().history()).filteredOn(e -> e.action().equals("die")).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("exitCode", "129").containsEntry("execDuration", "0"));
  }

  @Test
  void signals_ignored_by_default_let_the_process_go_on() throws Exception {
    String id = runSleeping("sleep", "100");
    containers.kill(id, 28); // WINCH
    containers.kill(id, 17); // CHLD
    clock.awaitSleepers(1, WAIT);
    assertThat(containers.inspect(id).state().running()).isTrue();
    containers.kill(id, 10); // USR1: terminates by default
    assertThat(awaitExit(id).exitCode()).isEqualTo(138);
  }

  @Test
  void a_shell_that_traps_term_and_exits_0_ends_a_stop_with_0() throws Exception {
    String id = runSleeping("sh", "-c", "trap 'echo bye; exit 0' TERM; echo ready; sleep 100; echo not reached");
    containers.stop(id, null, 0);
    assertThat(containers.inspect(id).state().exitCode()).isZero();
    assertThat(logs(id)).isEqualTo("ready\nbye\n");
    assertThat(engine.events().history()).extracting(Event::action)
        .containsSubsequence("kill", "die", "stop");
  }

  @Test
  void a_trap_that_prints_lets_the_script_go_on_and_an_empty_trap_ignores() throws Exception {
    String id = runSleeping("sh", "-c",
        "trap 'echo got usr1' USR1; trap '' HUP; sleep 100; echo next status $?; sleep 100; echo done");
    containers.kill(id, 1);
    containers.kill(id, 10);
    await().atMost(WAIT).until(() -> logs(id).equals("got usr1\nnext status 138\n"));
    clock.awaitSleepers(1, WAIT);
    assertThat(containers.inspect(id).state().running()).isTrue();
    clock.advance(Duration.ofSeconds(100));
    assertThat(awaitExit(id).exitCode()).isZero();
    assertThat(logs(id)).endsWith("done\n");
  }

  @Test
  void trap_dash_resets_and_trap_lists_and_exit_traps_run_at_the_end() throws Exception {
    String id = runSleeping("sh", "-c", "trap 'echo bye' EXIT; trap 'echo t' TERM INT; trap - INT; trap; sleep 100");
    containers.stop(id, null, 0);
    ContainerState state = awaitExit(id);
    assertThat(logs(id)).isEqualTo("trap -- 'echo bye' EXIT\ntrap -- 'echo t' TERM\nt\nbye\n");
    assertThat(state.exitCode()).isEqualTo(143); // the trap did not exit: the status of the cut-short sleep
  }

  @Test
  void a_bad_trap_is_reported_and_the_script_goes_on() throws Exception {
    String id = run(Config.builder().cmd("sh", "-c", "trap 'echo x' NOPE TERM; echo status $?; trap"));
    assertThat(awaitExit(id).exitCode()).isZero();
    assertThat(logs(id)).isEqualTo("/bin/sh: trap: NOPE: bad trap\nstatus 1\ntrap -- 'echo x' TERM\n");
  }

  @Test
  void a_script_prints_on_hup_and_keeps_its_sleep_deadline_and_exits_as_told_on_term() throws Exception {
    engine.script(ProcessMatch.command("serve"), ProcessScript.builder().stdout("ready\n")
        .sleep(Duration.ofSeconds(10)).stdout("tick\n").sleep(Duration.ofSeconds(100))
        .onSignal("SIGHUP", SignalAction.print("reloading\n"))
        .onSignal("term", SignalAction.print("bye\n").thenExit(3))
        .onSignal("USR1", SignalAction.ignore())
        .build());
    String id = runSleeping("serve");
    clock.advance(Duration.ofSeconds(4));
    containers.kill(id, 1);
    containers.kill(id, 10);
    await().atMost(WAIT).until(() -> logs(id).equals("ready\nreloading\n"));
    clock.awaitSleepers(1, WAIT);
    clock.advance(Duration.ofSeconds(6)); // 10 s after the start, as if no signal had come
    await().atMost(WAIT).until(() -> logs(id).endsWith("tick\n"));
    clock.awaitSleepers(1, WAIT);
    containers.stop(id, null, 0);
    assertThat(containers.inspect(id).state().exitCode()).isEqualTo(3);
    assertThat(logs(id)).isEqualTo("ready\nreloading\ntick\nbye\n");
  }

  @Test
  void ignore_sigterm_still_makes_stop_wait_its_timeout_then_kill() throws Exception {
    engine.script(ProcessMatch.command("stubborn"), ProcessScript.builder().awaitExit().ignoreSigterm().build());
    String id = run(Config.builder().cmd("stubborn").stopTimeout(3));
    await().atMost(WAIT).until(() -> containers.inspect(id).state().running());
    Thread stopper = new Thread(() -> containers.stop(id, null, 0));
    stopper.start();
    clock.awaitSleepers(1, WAIT); // the stop's timer
    assertThat(containers.inspect(id).state().running()).isTrue();
    clock.advance(Duration.ofSeconds(3));
    stopper.join(WAIT.toMillis());
    assertThat(containers.inspect(id).state().exitCode()).isEqualTo(137);
  }

  @Test
  void the_stop_signal_of_the_config_is_what_stop_sends() throws Exception {
    engine.script(ProcessMatch.command("worker"), ProcessScript.builder().sleep(Duration.ofHours(1))
        .onSignal("QUIT", SignalAction.exit(7)).build());
    String id = run(Config.builder().cmd("worker").stopSignal("SIGQUIT"));
    clock.awaitSleepers(1, WAIT);
    containers.stop(id, null, 0);
    assertThat(containers.inspect(id).state().exitCode()).isEqualTo(7);
    assertThat(engine.events().history()).filteredOn(e -> e.action().equals("kill")).singleElement()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("signal", "3"));
  }

  @Test
  void a_signal_given_to_stop_wins_over_the_stop_signal() throws Exception {
    String id = runSleeping("sleep", "100");
    containers.stop(id, 5, 2);
    assertThat(containers.inspect(id).state().exitCode()).isEqualTo(130);
  }
}
