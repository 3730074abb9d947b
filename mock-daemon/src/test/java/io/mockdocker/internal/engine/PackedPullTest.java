package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.TarLimits;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#pullPacked}, what a daemon does with its fixtures' local names: the same images, sizes and history as
 * a pull, with the layers' files unpacked only when something needs them.
 */
class PackedPullTest {
  static final String BASE = "27cf78414709954594a992fe0bff6bb624513752584ead467f55bb0e17beecc5";
  static final String QUANTAL = "b750fe79269d2ec9a3c593ef05b4332bcae662172fd450bb0cd710a769079c05";
  static final String UNKNOWN = "0".repeat(64);

  final Engine packed = withDefaults(Engine.builder());
  final Engine pulled = withDefaults(Engine.builder());

  static Engine withDefaults(Engine.Builder builder) {
    Engine engine = builder.build();
    Fixtures.defaults().applyTo(engine.registry());
    return engine;
  }

  @AfterEach
  void close() {
    packed.close();
    pulled.close();
  }

  /** Whether image {@code id} has anything in the engine's graph directory (asked without unpacking it). */
  static boolean unpacked(Engine engine, String id) {
    Path graph = engine.layer(UNKNOWN).getParent().getParent(); // an unknown image's layer path: nothing to unpack
    return Files.exists(graph.resolve(id));
  }

  @Test
  void a_packed_pull_answers_as_a_pull_and_unpacks_a_layer_when_first_asked_for_it() throws Exception {
    packed.pullPacked("base", "");
    pulled.pull("base", "", "", ProgressSink.NONE);

    assertThat(unpacked(packed, BASE)).isFalse();
    assertThat(unpacked(packed, QUANTAL)).isFalse();
    assertThat(unpacked(pulled, BASE)).isTrue();
    assertThat(packed.images()).isEqualTo(pulled.images());
    assertThat(packed.imagesWithIntermediates()).isEqualTo(pulled.imagesWithIntermediates());
    assertThat(packed.history("base")).isEqualTo(pulled.history("base"));
    for (String id : List.of(BASE, QUANTAL)) {
      assertThat(packed.inspectImage(id)).isEqualTo(pulled.inspectImage(id)); // the size: declared + the layer walk
    }
    assertThat(packed.repositories()).isEqualTo(pulled.repositories());
    assertThat(unpacked(packed, BASE)).isFalse();

    Path layer = packed.layer(BASE);
    assertThat(Files.readString(layer.resolve("etc/hostname"))).isEqualTo("ubuntu\n");
    assertThat(Layers.tarBytes(layer)).isEqualTo(Layers.tarBytes(pulled.layer(BASE)));
    assertThat(unpacked(packed, QUANTAL)).isFalse();
    assertThat(packed.layer(BASE)).isEqualTo(layer); // a second ask finds it there
    assertThat(Layers.tarBytes(packed.layer(BASE))).isEqualTo(Layers.tarBytes(pulled.layer(BASE)));
  }

  @Test
  void a_container_of_a_packed_image_sees_every_layer_of_its_chain() {
    packed.pullPacked("base", "");
    Config config = Config.builder().image("base").cmd("cat", "/etc/apt/sources.list", "/etc/hostname").build();
    String id = packed.containers().create(config).id();
    packed.containers().start(id);

    assertThat(packed.containers().await(id)).isZero();
    assertThat(unpacked(packed, BASE)).isTrue();
    assertThat(unpacked(packed, QUANTAL)).isTrue();
  }

  @Test
  void an_image_removed_before_anything_needed_its_layer_is_never_unpacked_and_can_be_pulled_again() throws Exception {
    packed.pullPacked("base", "");
    packed.deleteLayer(QUANTAL);
    packed.deleteLayer(BASE);

    assertThat(packed.imageCount()).isZero();
    assertThat(unpacked(packed, BASE)).isFalse();
    packed.pull("base", "latest", "", ProgressSink.NONE);
    assertThat(Files.readString(packed.layer(BASE).resolve("etc/hostname"))).isEqualTo("ubuntu\n");
  }

  @Test
  void a_layer_that_does_not_unpack_fails_a_packed_pull_as_it_fails_a_pull() {
    for (Engine engine : List.of(packed, pulled)) {
      engine.registry().push("broken", "latest",
          RemoteImage.builder("d".repeat(64)).layerTar("not a tar archive at all".getBytes(StandardCharsets.UTF_8))
              .build());
    }
    DockerException expected = thrown(() -> pulled.pull("broken", "", "", ProgressSink.NONE));
    DockerException actual = thrown(() -> packed.pullPacked("broken", ""));

    assertThat(expected.getCause()).hasMessageContaining("This does not look like a tar archive");
    assertThat(actual).hasMessage(expected.getMessage());
    assertThat(actual.getCause()).hasMessage(expected.getCause().getMessage());
    assertThat(packed.imageCount()).isEqualTo(pulled.imageCount()).isZero();
  }

  @Test
  void a_layer_beyond_the_daemon_tar_limits_fails_a_packed_pull_as_it_fails_a_pull() {
    TarLimits small = new TarLimits(1_000, 100);
    try (Engine tight = withDefaults(Engine.builder().tarLimits(small));
        Engine tightPulled = withDefaults(Engine.builder().tarLimits(small))) {
      DockerException expected = thrown(() -> tightPulled.pull("base", "", "", ProgressSink.NONE));
      DockerException actual = thrown(() -> tight.pullPacked("base", ""));

      assertThat(expected.getCause()).hasMessageStartingWith("tar archive too large: more than 1000 bytes");
      assertThat(actual).hasMessage(expected.getMessage());
      assertThat(actual.getCause()).hasMessage(expected.getCause().getMessage());
      assertThat(tight.imageCount()).isEqualTo(tightPulled.imageCount());
    }
  }

  private static DockerException thrown(Runnable action) {
    try {
      action.run();
    } catch (DockerException e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}
