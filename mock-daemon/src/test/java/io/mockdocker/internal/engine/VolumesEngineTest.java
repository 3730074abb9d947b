package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Volumes in the engine: create, in-use refusal, prune, events. No HTTP. */
class VolumesEngineTest {
  static final String IMAGE = "b".repeat(64);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final Volumes volumes = engine.volumes();

  VolumesEngineTest() {
    engine.load(List.of(RemoteImage.builder(IMAGE).build()));
    engine.tag(IMAGE, "busybox", "latest");
    clock.runInstantly();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  String container(String name) {
    return engine.containers().create(Config.builder().image("busybox").cmd("true").build(), name,
        HostConfig.DEFAULT).fullId();
  }

  @Test
  void a_nameless_volume_gets_a_generated_name_and_the_anonymous_label() {
    Volume v = volumes.create("", "", Map.of(), Map.of());
    assertThat(v.name()).matches("[0-9a-f]{64}");
    assertThat(v.labels()).containsEntry(Volume.ANONYMOUS_LABEL, "");
    assertThat(v.driver()).isEqualTo("local");
    assertThat(v.mountpoint()).isEqualTo("/var/lib/docker/volumes/" + v.name() + "/_data");
    Volume named = volumes.create("data", "local", Map.of("a", "b"), Map.of());
    assertThat(volumes.create("data", "", Map.of(), Map.of())).isEqualTo(named);
    assertThat(volumes.list()).extracting(Volume::name).containsExactly(v.name(), "data");
  }

  @Test
  void bad_names_and_unknown_drivers_are_refused_with_the_daemons_text() {
    assertThatThrownBy(() -> volumes.create("x", "", Map.of(), Map.of())).isInstanceOf(VolumeRefused.class)
        .hasMessage("create x: volume name is too short, names should be at least two alphanumeric characters");
    assertThatThrownBy(() -> volumes.create("a/b", "", Map.of(), Map.of())).hasMessageStartingWith(
        "create a/b: \"a/b\" includes invalid characters for a local volume name");
    assertThatThrownBy(() -> volumes.create("ok", "nfs", Map.of(), Map.of())).hasMessage(
        "create ok: error looking up volume plugin nfs: plugin \"nfs\" not found");
    assertThatThrownBy(() -> volumes.inspect("nope")).hasMessage("get nope: no such volume");
    assertThatThrownBy(() -> volumes.remove("nope", false)).hasMessage("get nope: no such volume");
    volumes.remove("nope", true);
  }

  @Test
  void a_volume_in_use_is_refused_even_with_force_until_its_container_is_removed() throws Exception {
    String id = container("user");
    Path data = volumes.use("shared", id);
    Files.writeString(data.resolve("f"), "hello");
    assertThat(volumes.inspect("shared").usedBy()).containsExactly(id);
    assertThatThrownBy(() -> volumes.remove("shared", true)).isInstanceOf(VolumeRefused.class)
        .hasMessage("remove shared: volume is in use - [" + id + "]")
        .extracting(e -> ((VolumeRefused) e).kind()).isEqualTo(VolumeRefused.Kind.CONFLICT);
    assertThat(volumes.prune(true, v -> true).names()).isEmpty();
    engine.containers().remove(id, true);
    assertThat(volumes.inspect("shared").usedBy()).isEmpty();
    assertThat(Files.readString(volumes.data("shared").resolve("f"))).isEqualTo("hello");
    volumes.remove("shared", false);
    assertThat(volumes.list()).isEmpty();
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void prune_takes_anonymous_unused_volumes_unless_all_and_reports_the_space() throws Exception {
    Volume anon = volumes.create("", "", Map.of(), Map.of());
    Files.writeString(volumes.data(anon.name()).resolve("f"), "12345");
    volumes.create("named", "", Map.of(), Map.of());
    volumes.create("opts", "", Map.of(), Map.of("type", "tmpfs"));
    volumes.use("busy", container("c"));
    Volumes.Pruned first = volumes.prune(false, v -> true);
    assertThat(first.names()).containsExactly(anon.name());
    assertThat(first.reclaimed()).isEqualTo(5);
    assertThat(volumes.prune(true, v -> true).names()).containsExactly("named");
    assertThat(volumes.list()).extracting(Volume::name).containsExactly("opts", "busy");
  }

  @Test
  void create_remove_and_prune_are_volume_events() {
    volumes.create("ev", "", Map.of(), Map.of());
    volumes.remove("ev", false);
    volumes.prune(true, v -> true);
    List<Event> seen = engine.events().history().stream().filter(e -> e.type().equals("volume")).toList();
    assertThat(seen).extracting(Event::action).containsExactly("create", "destroy", "prune");
    assertThat(seen.get(0).actorId()).isEqualTo("ev");
    assertThat(seen.get(0).attributes()).containsEntry("driver", "local");
    assertThat(seen.get(2).attributes()).containsEntry("reclaimed", "0");
  }
}
