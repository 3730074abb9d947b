package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's additions for the modern view: names, combined logs, wait conditions, exec, events. No HTTP. */
class ModernContainersEngineTest {
  static final String IMAGE = "b".repeat(64);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final Containers containers = engine.containers();

  ModernContainersEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
    clock.runInstantly();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String create(String name, String... cmd) {
    return containers.create(Config.builder().image("busybox").cmd(cmd).build(), name, HostConfig.DEFAULT).fullId();
  }

  @Test
  void generated_names_are_docker_like_and_do_not_consume_the_id_sequence() {
    Engine twin = Engine.builder().random(new Random(7)).build();
    twin.load(List.of(RemoteImage.builder(IMAGE).build()));
    twin.tag(IMAGE, "busybox", "latest");
    String era = twin.containers().create(Config.builder().image("busybox").cmd("true").build()).fullId();
    String named = create("", "true");
    assertThat(named).isEqualTo(era);
    String name = containers.inspect(named).name();
    assertThat(name).matches("[a-z]+_[a-z]+");
    assertThat(twin.containers().inspect(era).name()).isEqualTo(name);
    twin.close();
  }

  @Test
  void lookup_takes_full_id_name_slash_name_and_unique_prefix() {
    String id = create("web", "true");
    assertThat(containers.inspect("web").id()).isEqualTo(id);
    assertThat(containers.inspect("/web").id()).isEqualTo(id);
    assertThat(containers.inspect(id.substring(0, 5)).id()).isEqualTo(id);
    assertThatThrownBy(() -> containers.inspect("webby")).hasMessage("No such container: webby");
    assertThatThrownBy(() -> create("web", "true")).hasMessage("Conflict. The container name \"/web\" is already in "
        + "use by container \"" + id + "\". You have to remove (or rename) that container to be able to reuse that "
        + "name.");
  }

  @Test
  void entrypoint_and_cmd_make_the_argv() {
    String id = containers.create(Config.builder().image("busybox").entrypoint(List.of("echo", "a"))
        .cmd("b").workingDir("/tmp").labels(Map.of("k", "v")).build(), "", HostConfig.DEFAULT).fullId();
    Container c = containers.inspect(id);
    assertThat(c.path()).isEqualTo("echo");
    assertThat(c.args()).containsExactly("a", "b");
    assertThat(c.config().labels()).containsEntry("k", "v");
    assertThat(c.hostConfig().logType()).isEqualTo("json-file");
    assertThatThrownBy(() -> containers.create(Config.builder().image("busybox").build(), "", HostConfig.DEFAULT))
        .hasMessage("No command specified");
  }

  @Test
  void a_start_that_finds_the_container_running_is_told_apart_from_other_refusals() {
    // runs until told: this test's clock runs sleeps instantly
    io.mockdocker.script.ScriptHandle process = engine.script(io.mockdocker.script.ProcessMatch.image("busybox"),
        io.mockdocker.script.ProcessScript.builder().awaitExit().build());
    String id = create("", "true");
    containers.startCheckingCommand(id);
    // the modern view answers this one 304 (a concurrent start won); the era keeps the text
    assertThatThrownBy(() -> containers.startCheckingCommand(id)).isInstanceOf(AlreadyRunning.class)
        .hasMessage("The container " + id + " is already running.");
    assertThatThrownBy(() -> containers.start(id)).isNotInstanceOf(AlreadyRunning.class)
        .hasMessage("Error starting container " + id + ": The container " + id + " is already running.");
    process.exit(0);
  }

  @Test
  void the_combined_log_keeps_order_lines_and_tail() throws Exception {
    String id = create("", "sh", "-c", "echo one; echo two >&2; echo -n three");
    ContainerWaiter exit = containers.waiter(id, WaitCondition.NEXT_EXIT);
    containers.start(id);
    assertThat(exit.await()).isZero();
    List<String> seen = new ArrayList<>();
    containers.logs(id, new LogOptions(true, true, null, null, -1, false),
        e -> seen.add(e.stream() + ":" + new String(e.bytes(), StandardCharsets.UTF_8)));
    assertThat(seen).containsExactly("STDOUT:one\n", "STDERR:two\n", "STDOUT:three");
    seen.clear();
    containers.logs(id, new LogOptions(true, false, null, null, 1, false),
        e -> seen.add(new String(e.bytes(), StandardCharsets.UTF_8)));
    assertThat(seen).containsExactly("three");
  }

  @Test
  void follow_delivers_live_lines_and_ends_at_exit() throws Exception {
    clock.runAtSpeed(1.0);
    String id = create("", "sh", "-c", "echo a; sleep 1; echo b");
    containers.start(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    containers.logs(id, new LogOptions(true, true, null, null, -1, true), e -> out.writeBytes(e.bytes()));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
    assertThat(containers.inspect(id).state().running()).isFalse();
  }

  @Test
  void next_exit_waits_for_a_start_and_removed_waits_for_auto_remove() throws Exception {
    String id = containers.create(Config.builder().image("busybox").cmd("sh", "-c", "exit 5").build(), "gone",
        HostConfig.DEFAULT.withAutoRemove(true)).fullId();
    ContainerWaiter removed = containers.waiter(id, WaitCondition.REMOVED);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
      try {
        return removed.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(containers.waiter(id, WaitCondition.NOT_RUNNING).await()).isZero();
    await("the removal wait blocking while the container exists").during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2)).until(() -> !code.isDone());
    containers.start(id);
    assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(5);
    assertThatThrownBy(() -> containers.inspect(id)).hasMessage("No such container: " + id);
    List<String> actions = new ArrayList<>();
    engine.events().history().forEach(e -> actions.add(e.action()));
    assertThat(actions).containsSubsequence("create", "start", "die", "destroy");
    assertThat(engine.events().history().stream().filter(e -> e.action().equals("die")).findFirst().orElseThrow()
        .attributes()).containsEntry("exitCode", "5").containsEntry("name", "gone").containsEntry("image", "busybox");
  }

  @Test
  void modern_attach_waits_for_the_start_and_outlives_the_input() throws Exception {
    String id = containers.create(Config.builder().image("busybox").cmd("cat").openStdin(true).stdinOnce(true)
        .build(), "", HostConfig.DEFAULT).fullId();
    AttachHandle attach = containers.prepareAttach(id, new AttachOptions(false, true, true, true, true));
    List<String> frames = new ArrayList<>();
    CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
      try {
        attach.run(new ByteArrayInputStream("in\n".getBytes(StandardCharsets.UTF_8)),
            (stream, bytes) -> frames.add(stream + ":" + new String(bytes, StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    containers.start(id);
    done.get(10, TimeUnit.SECONDS);
    assertThat(frames).containsExactly("STDOUT:in\n");
  }

  @Test
  void exec_runs_in_the_container_with_stream_identity_and_an_exit_code() throws Exception {
    clock.stop();
    String id = create("box", "sleep", "100");
    assertThatThrownBy(() -> containers.execCreate(id, ExecConfig.of("true")))
        .hasMessage("container " + id + " is not running");
    containers.start(id);
    assertThatThrownBy(() -> containers.execCreate(id, ExecConfig.of())).hasMessage("No exec command specified");
    String exec = containers.execCreate(id, ExecConfig.of("sh", "-c", "echo out; echo err >&2; exit 2"));
    assertThat(containers.execInspect(exec).exitCode()).isNull();
    List<String> frames = new ArrayList<>();
    containers.execStart(exec, null, (s, b) -> frames.add(s + ":" + new String(b, StandardCharsets.UTF_8)), false);
    assertThat(frames).containsExactly("STDOUT:out\n", "STDERR:err\n");
    ExecInstance done = containers.execInspect(exec);
    assertThat(done.exitCode()).isEqualTo(2);
    assertThat(done.running()).isFalse();
    assertThat(containers.inspect(id).execIds()).containsExactly(exec);
    assertThatThrownBy(() -> containers.execInspect("nope")).hasMessage("No such exec instance: nope");
  }

  @Test
  void the_event_history_keeps_the_last_256() {
    for (int i = 0; i < 300; i++) {
      engine.tag("busybox", "t", "v" + i);
    }
    List<Event> history = engine.events().history();
    assertThat(history).hasSize(256);
    assertThat(history.get(255).attributes()).containsEntry("name", "t:v299");
    assertThat(history.get(0).type()).isEqualTo("image");
  }

  @Test
  void a_subscription_sees_the_history_then_live_events() {
    create("first", "true");
    List<Event> live = new ArrayList<>();
    try (Events.Subscription sub = engine.events().subscribe(live::add)) {
      assertThat(sub.history()).extracting(Event::action).containsExactly("tag", "create");
      clock.advance(Duration.ofSeconds(1));
      create("second", "true");
    }
    create("third", "true");
    assertThat(live).extracting(e -> e.attributes().get("name")).containsExactly("second");
    assertThat(live.get(0).time()).isEqualTo(Instant.parse("2025-01-01T00:00:01Z"));
  }
}
