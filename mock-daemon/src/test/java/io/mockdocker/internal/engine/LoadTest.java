package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.registry.RemoteImage;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Engine#load}: images made local straight from memory, as a pull would have left them. */
class LoadTest {
  static final String BASE = "a".repeat(64);
  static final String MID = "b".repeat(64);
  static final String TOP = "c".repeat(64);

  final Engine engine = Engine.builder().build();

  @AfterEach
  void close() {
    engine.close();
  }

  static final List<RemoteImage> CHAIN = List.of(
      RemoteImage.builder(BASE).file("/etc/motd", "hi\n").declaredSize(100).build(),
      RemoteImage.builder(MID).parent(BASE).build(),
      RemoteImage.builder(TOP).parent(MID).file("/bin/app", 10).build());

  @Test
  void a_loaded_chain_looks_pulled() throws Exception {
    List<Image> loaded = engine.load(CHAIN);
    engine.tag(TOP, "me/app", "v1");

    assertThat(loaded).extracting(Image::id).containsExactly(BASE, MID, TOP);
    assertThat(engine.imageCount()).isEqualTo(3);
    assertThat(engine.inspectImage("me/app:v1").id()).isEqualTo(TOP);
    try (Engine puller = Engine.builder().build()) {
      puller.registry().push("me/app", "v1", CHAIN.get(2), CHAIN.get(1), CHAIN.get(0));
      puller.pull("me/app", "v1", "", ProgressSink.NONE);
      for (String id : List.of(BASE, MID, TOP)) {
        assertThat(engine.inspectImage(id)).isEqualTo(puller.inspectImage(id));  // declared size + the layer walk
      }
    }
    assertThat(Files.readString(engine.layer(BASE).resolve("etc/motd"))).isEqualTo("hi\n");
    assertThat(engine.history("me/app:v1")).hasSize(3);
    assertThat(engine.images()).singleElement()
        .satisfies(row -> assertThat(row.virtualSize()).isEqualTo(
            engine.history(TOP).stream().mapToLong(h -> h.image().size()).sum()));
    assertThat(engine.untagAndPrune("me/app:v1")).hasSize(4);  // untagged, then three deleted
    assertThat(engine.imageCount()).isZero();
  }

  @Test
  void a_missing_parent_or_a_duplicate_is_refused_and_leaves_no_staging_behind() throws Exception {
    assertThatThrownBy(() -> engine.load(List.of(RemoteImage.builder(MID).parent(BASE).build())))
        .isInstanceOf(DockerException.class).hasMessageStartingWith("No such image: " + BASE);
    engine.load(List.of(RemoteImage.builder(BASE).build()));
    assertThatThrownBy(() -> engine.load(List.of(RemoteImage.builder(BASE).build())))
        .hasMessage("Image " + BASE + " already exists");
    try (var staging = Files.list(engine.layer(BASE).getParent().getParent().resolve("_staging"))) {
      assertThat(staging).isEmpty();
    }
    assertThat(engine.imageCount()).isEqualTo(1);
  }
}
