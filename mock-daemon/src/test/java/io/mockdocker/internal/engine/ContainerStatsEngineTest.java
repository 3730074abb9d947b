package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.StatsScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stats readings, update and the process table in the engine, under a stopped virtual clock. No HTTP. */
class ContainerStatsEngineTest {
  static final String IMAGE = "b".repeat(64);
  static final long MIB = 1024 * 1024;
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  final VirtualClock clock = VirtualClock.at(T0);
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final ContainerControl control = engine.control();

  ContainerStatsEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build(), RemoteImage.builder("c".repeat(64)).build()));
    engine.tag(IMAGE, "busybox", "latest");
    engine.tag("c".repeat(64), "worker", "latest");
    // every process waits until the test ends it: nothing sleeps on the clock
    engine.script(ProcessMatch.any(), ProcessScript.builder().awaitExit().build());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String run(String image, String name, HostConfig host) {
    String id = engine.containers().create(Config.builder().image(image).cmd("server", "--port", "80").build(), name,
        host).fullId();
    engine.containers().start(id);
    return id;
  }

  @Test
  void an_idle_container_reads_low_cpu_a_few_mib_and_one_pid_and_a_stopped_one_reads_empty() {
    String id = run("busybox", "idle", HostConfig.DEFAULT);
    clock.advance(Duration.ofSeconds(10));
    StatsSample s = control.stats("idle", clock.now());
    assertThat(s.running()).isTrue();
    assertThat(s.name()).isEqualTo("/idle");
    assertThat(s.id()).isEqualTo(id);
    assertThat(s.read()).isEqualTo(T0.plusSeconds(10));
    assertThat(s.cpuTotal()).isEqualTo(15_000_000L); // 0.15 % of one CPU for 10 s
    assertThat(s.cpuUser() + s.cpuKernel()).isEqualTo(s.cpuTotal());
    assertThat(s.memoryUsage()).isEqualTo(3 * MIB + MIB / 2);
    assertThat(s.memoryLimit()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(s.pids()).isEqualTo(1);
    assertThat(s.onlineCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    StatsSample before = control.stats("idle", T0.plusSeconds(9));
    // what the docker CLI derives: the CPU delta over the system delta, times the CPUs, in percent
    double percent = (double) (s.cpuTotal() - before.cpuTotal()) / (s.systemUsage() - before.systemUsage())
        * s.onlineCpus() * 100;
    assertThat(percent).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.001));

    engine.containers().kill(id);
    StatsSample stopped = control.stats("idle", clock.now());
    assertThat(stopped.running()).isFalse();
    assertThat(stopped).isEqualTo(StatsSample.empty(id, "/idle"));
  }

  @Test
  void a_stats_script_sets_the_cpu_and_climbs_the_memory_up_to_the_limit_an_update_sets() {
    engine.script(ProcessMatch.image("worker"),
        StatsScript.defaults().cpuPercent(80).memoryClimbing(64 * MIB, 512 * MIB, 16 * MIB));
    run("worker", "w", HostConfig.DEFAULT);
    run("busybox", "other", HostConfig.DEFAULT);
    clock.advance(Duration.ofSeconds(4));
    StatsSample s = control.stats("w", clock.now());
    assertThat(s.memoryUsage()).isEqualTo(128 * MIB);
    assertThat(s.cpuTotal()).isEqualTo(3_200_000_000L);
    assertThat(control.stats("other", clock.now()).memoryUsage()).isEqualTo(3 * MIB + MIB / 2);

    List<String> warnings = new ArrayList<>();
    ContainerControl.Update update = control.verify(new ContainerControl.Update(
        new Resources(200 * MIB, 400 * MIB, 0, 0, 500_000_000L, 0, 0, "", "", 0, null), "always", 0), warnings);
    control.update("w", update);
    // the engine's default host has no swap accounting: the swap limit is dropped, as the daemon said
    assertThat(warnings).containsExactly("Your kernel does not support swap limit capabilities or the cgroup is not"
        + " mounted. Memory limited without swap.");
    clock.advance(Duration.ofSeconds(60));
    StatsSample capped = control.stats("w", clock.now());
    assertThat(capped.memoryLimit()).isEqualTo(200 * MIB);
    assertThat(capped.memoryUsage()).isEqualTo(200 * MIB);
    // half a CPU at most from now on: 80 % of 64 s is more than that, 50 % is the cap
    assertThat(capped.cpuTotal()).isEqualTo(32_000_000_000L);
    Container c = engine.containers().inspect("w");
    assertThat(c.hostConfig().restartPolicy()).isEqualTo("always");
    assertThat(c.hostConfig().resources().memorySwap()).isEqualTo(-1);
    assertThat(engine.events().history()).extracting(Event::action).contains("update");
  }

  @Test
  void create_doubles_a_memory_limit_as_swap_only_with_swap_accounting() {
    Resources asked = new Resources(64 * MIB, 0, 0, 0, 0, 0, 0, "", "", 0, null);
    assertThat(asked.created(true).memorySwap()).isEqualTo(128 * MIB);
    assertThat(asked.created(false).memorySwap()).isEqualTo(-1);
    assertThat(Resources.NONE.created(true)).isEqualTo(Resources.NONE);
  }

  @Test
  void a_paused_container_uses_no_cpu_while_frozen() {
    run("busybox", "p", HostConfig.DEFAULT);
    clock.advance(Duration.ofSeconds(10));
    control.pause("p");
    clock.advance(Duration.ofSeconds(50));
    assertThat(control.stats("p", clock.now()).cpuTotal()).isEqualTo(15_000_000L);
    control.unpause("p");
    clock.advance(Duration.ofSeconds(10));
    assertThat(control.stats("p", clock.now()).cpuTotal()).isEqualTo(30_000_000L);
  }

  @Test
  void update_checks_values_first_then_what_the_container_has_set() {
    assertThatThrownBy(() -> control.verify(new ContainerControl.Update(
        new Resources(1024, 0, 0, 0, 0, 0, 0, "", "", 0, null), "", 0), new ArrayList<>()))
        .hasMessage("Minimum memory limit allowed is 6MB");
    assertThatThrownBy(() -> control.verify(new ContainerControl.Update(Resources.NONE, "sometimes", 0),
        new ArrayList<>())).hasMessage("invalid restart policy: unknown policy 'sometimes'; use one of 'no',"
        + " 'always', 'on-failure', or 'unless-stopped'");
    assertThatThrownBy(() -> control.verify(new ContainerControl.Update(Resources.NONE, "always", 3),
        new ArrayList<>())).hasMessage("invalid restart policy: maximum retry count can only be used with"
        + " 'on-failure'");

    String id = run("busybox", "nolimit", HostConfig.DEFAULT);
    // no swap limit is set, so a memory limit alone is refused, as the daemon did
    Resources memoryOnly = new Resources(64 * MIB, 0, 0, 0, 0, 0, 0, "", "", 0, null);
    assertThatThrownBy(() -> control.update("nolimit", new ContainerControl.Update(memoryOnly, "", 0)))
        .hasMessage("Cannot update container " + id + ": Memory limit should be smaller than already set memoryswap"
            + " limit, update the memoryswap at the same time");
    String auto = run("busybox", "auto", HostConfig.DEFAULT.withAutoRemove(true));
    assertThatThrownBy(() -> control.update("auto", new ContainerControl.Update(Resources.NONE, "always", 0)))
        .hasMessage("Cannot update container " + auto + ": Restart policy cannot be updated because AutoRemove is"
            + " enabled for the container");
    control.update("auto", new ContainerControl.Update(Resources.NONE, "no", 0));
    assertThatThrownBy(() -> control.update("nosuch", new ContainerControl.Update(Resources.NONE, "", 0)))
        .hasMessage("No such container: nosuch");
  }

  @Test
  void top_lists_the_process_and_its_execs_under_one_shim_in_the_asked_columns() throws Exception {
    String id = run("busybox", "t", HostConfig.DEFAULT);
    clock.advance(Duration.ofSeconds(90));
    String exec = engine.containers().execCreate("t", ExecConfig.of("worker", "-v"));
    engine.containers().execStart(exec, null, (stream, bytes) -> { }, true);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engine.containers().execInspect(exec).running());
    int pid = engine.containers().inspect(id).state().pid();
    int execPid = engine.containers().execInspect(exec).pid();

    ContainerControl.Top ef = control.top("t", "-ef");
    assertThat(ef.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assertThat(ef.processes()).hasSize(2);
    List<String> main = ef.processes().get(0);
    List<String> child = ef.processes().get(1);
    assertThat(main).containsExactly("root", String.valueOf(pid), main.get(2), "0", "00:00", "?", "00:00:00",
        "server --port 80");
    assertThat(child).containsExactly("root", String.valueOf(execPid), main.get(2), "0", "00:01", "?", "00:00:00",
        "worker -v");
    assertThat(Integer.parseInt(main.get(2))).isPositive().isLessThan(pid);

    ContainerControl.Top columns = control.top("t", "-o pid,ppid,comm,etime");
    assertThat(columns.titles()).containsExactly("PID", "PPID", "COMMAND", "ELAPSED");
    assertThat(columns.processes().get(0)).containsExactly(String.valueOf(pid), main.get(2), "server", "01:30");
    assertThat(columns.processes().get(1)).containsExactly(String.valueOf(execPid), main.get(2), "worker", "00:00");

    ContainerControl.Top aux = control.top("t", "aux");
    assertThat(aux.titles()).containsExactly("USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START",
        "TIME", "COMMAND");
    assertThat(aux.processes().get(0)).startsWith("root", String.valueOf(pid), "0.1").endsWith("server --port 80");
    assertThat(aux.processes().get(1)).endsWith("worker -v");

    clock.advance(Duration.ofDays(2));
    assertThat(control.top("t", "-o pid,stime,start").processes().get(0))
        .containsExactly(String.valueOf(pid), "Jan01", "00:00:00");

    assertThatThrownBy(() -> control.top("t", "-o pid,bogus")).hasMessage(
        "ps: error: unknown user-defined format specifier \"bogus\"");
    assertThatThrownBy(() -> control.top("t", "-o comm")).hasMessage("Couldn't find PID field in ps output");
    assertThatThrownBy(() -> control.top("t", "-o user= -o uid=PID")).hasMessage(
        "specifying \"uid=PID\" is not allowed");
  }
}
