package io.mockdocker.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.TarLimits;
import io.mockdocker.VirtualClock;
import io.mockdocker.registry.Config;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.testing.Tars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Save, load, import and the prunes in the engine. No HTTP. */
class ImageArchivesEngineTest {
  static final String BASE = "a".repeat(64);
  static final String APP = "b".repeat(64);
  static final ObjectMapper JSON = new ObjectMapper();
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  final Engine engine = Engine.builder().clock(clock).random(new Random(7)).build();
  final List<String> lines = new ArrayList<>();
  final List<String> layers = new ArrayList<>();
  final ImageArchives.LoadListener listener = new ImageArchives.LoadListener() {
    @Override
    public void layerLoaded(String diffId, long size) {
      layers.add(diffId);
    }

    @Override
    public void line(String text) {
      lines.add(text);
    }
  };

  ImageArchivesEngineTest() {
    OffsetDateTime t = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    engine.load(List.of(
        RemoteImage.builder(BASE).created(t).file("/etc/hostname", "base\n").directory("/tmp/").build(),
        RemoteImage.builder(APP).parent(BASE).created(t.plusDays(1)).comment("the app")
            .config(Config.builder().cmd(List.of("/app", "--serve")).env(List.of("MODE=prod"))
                .labels(Map.of("team", "a")).build())
            .file("/app", "#!/bin/sh\necho app\n").build()));
    engine.tag(APP, "app", "v1");
    clock.runInstantly();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  byte[] save(List<String> names, String id) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.imageArchives().save(List.of(new ImageArchives.SaveItem(id, names)), out);
    return out.toByteArray();
  }


  @Test
  void save_writes_the_docker_save_and_oci_layout_with_blobs_named_by_their_digests() throws Exception {
    Map<String, byte[]> tar = Tars.read(save(List.of("app:v1"), APP));
    List<String> names = new ArrayList<>(tar.keySet());
    assertThat(names.subList(0, 2)).containsExactly("blobs/", "blobs/sha256/");
    assertThat(names.subList(names.size() - 4, names.size()))
        .containsExactly("index.json", "manifest.json", "oci-layout", "repositories");
    // two layers, their two V1 JSONs, the config and the OCI manifest
    assertThat(names).hasSize(2 + 6 + 4);
    for (String name : names.subList(2, 8)) {
      assertThat(ImageArchives.digest(tar.get(name))).isEqualTo("sha256:" + name.substring("blobs/sha256/".length()));
    }
    JsonNode manifest = JSON.readTree(tar.get("manifest.json"));
    assertThat(manifest).hasSize(1);
    JsonNode item = manifest.get(0);
    assertThat(item.get("RepoTags").toString()).isEqualTo("[\"app:v1\"]");
    assertThat(item.get("Layers")).hasSize(2);
    JsonNode config = JSON.readTree(tar.get(item.get("Config").asText()));
    assertThat(config.get("id").asText()).isEqualTo(APP);
    assertThat(config.get("comment").asText()).isEqualTo("the app");
    assertThat(config.get("config").get("Cmd").toString()).isEqualTo("[\"/app\",\"--serve\"]");
    assertThat(config.get("rootfs").get("diff_ids").get(1).asText())
        .isEqualTo("sha256:" + item.get("Layers").get(1).asText().substring("blobs/sha256/".length()));
    assertThat(Tars.read(tar.get(item.get("Layers").get(1).asText())).keySet()).contains("./app");
    assertThat(new String(tar.get("oci-layout"), StandardCharsets.UTF_8))
        .isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
    assertThat(new String(tar.get("repositories"), StandardCharsets.UTF_8))
        .isEqualTo("{\"app\":{\"v1\":\"" + APP + "\"}}\n");
    JsonNode index = JSON.readTree(tar.get("index.json"));
    assertThat(index.get("manifests").get(0).get("annotations").toString()).isEqualTo(
        "{\"io.containerd.image.name\":\"docker.io/library/app:v1\",\"org.opencontainers.image.ref.name\":\"v1\"}");
  }

  @Test
  void save_then_load_into_a_fresh_engine_gives_the_same_ids_metadata_and_files() throws Exception {
    byte[] tar = save(List.of("app:v1"), APP);
    try (Engine other = Engine.builder().clock(clock).build()) {
      List<ImageArchives.Loaded> loaded = other.imageArchives().load(new ByteArrayInputStream(tar), listener);
      assertThat(loaded).containsExactly(new ImageArchives.Loaded(APP, List.of("app:v1")));
      assertThat(lines).containsExactly("Loaded image: app:v1");
      assertThat(layers).hasSize(2);
      Image app = other.inspectImage("app:v1");
      assertThat(app.id()).isEqualTo(APP);
      assertThat(app.parent()).isEqualTo(BASE);
      assertThat(app.comment()).isEqualTo("the app");
      assertThat(app.config().cmd()).containsExactly("/app", "--serve");
      assertThat(app.config().labels()).containsEntry("team", "a");
      assertThat(app.created()).isEqualTo(engine.inspectImage(APP).created());
      assertThat(Files.readString(other.layer(APP).resolve("app"))).isEqualTo("#!/bin/sh\necho app\n");
      assertThat(Files.readString(other.layer(BASE).resolve("etc/hostname"))).isEqualTo("base\n");
      // a second load finds every layer there already
      lines.clear();
      layers.clear();
      other.imageArchives().load(new ByteArrayInputStream(tar), listener);
      assertThat(layers).isEmpty();
      assertThat(lines).containsExactly("Loaded image: app:v1");
    }
  }

  @Test
  void an_image_saved_by_id_loads_without_a_name_and_says_its_id() throws Exception {
    byte[] tar = save(List.of(), APP);
    assertThat(Tars.read(tar)).doesNotContainKey("repositories");
    try (Engine other = Engine.builder().clock(clock).build()) {
      other.imageArchives().load(new ByteArrayInputStream(tar), listener);
      assertThat(lines).containsExactly("Loaded image ID: sha256:" + APP);
      assertThat(other.namesById()).isEmpty();
    }
  }

  @Test
  void a_plain_oci_layout_loads_with_the_config_digest_as_id_and_chain_ids_below() throws Exception {
    byte[] layer = Tars.plain().file("hello.txt", "hi\n").bytes();
    String diffId = ImageArchives.digest(layer);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-02T03:04:05Z\","
        + "\"config\":{\"Cmd\":[\"cat\",\"/hello.txt\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId
        + "\"]}}").getBytes(StandardCharsets.UTF_8);
    String configDigest = ImageArchives.digest(config);
    byte[] manifest = ("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + configDigest + "\",\"size\":"
        + config.length + "},\"layers\":[{\"digest\":\"" + diffId + "\",\"size\":" + layer.length + "}]}")
        .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = ImageArchives.digest(manifest);
    byte[] index = ("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + manifestDigest + "\",\"annotations\":"
        + "{\"io.containerd.image.name\":\"docker.io/library/hello:1\"}}]}").getBytes(StandardCharsets.UTF_8);
    byte[] tar = Tars.plain().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
        .file("index.json", new String(index, StandardCharsets.UTF_8))
        .file(ImageArchives.blobPath(configDigest), config).file(ImageArchives.blobPath(manifestDigest), manifest)
        .file(ImageArchives.blobPath(diffId), layer).bytes();
    engine.imageArchives().load(new ByteArrayInputStream(tar), listener);
    Image hello = engine.inspectImage("hello:1");
    assertThat("sha256:" + hello.id()).isEqualTo(configDigest);
    assertThat(hello.config().cmd()).containsExactly("cat", "/hello.txt");
    assertThat(Files.readString(engine.layer(hello.id()).resolve("hello.txt"))).isEqualTo("hi\n");
    assertThat(lines).containsExactly("Loaded image: hello:1");
  }

  @Test
  void hostile_or_broken_archives_are_refused_and_leave_nothing_behind() {
    int before = engine.imageCount();
    byte[] traversal = Tars.plain().file("../evil", "x").bytes();
    assertThatThrownBy(() -> engine.imageArchives().load(new ByteArrayInputStream(traversal), listener))
        .isInstanceOf(DockerException.class).hasMessageMatching(
            "\"\\.\\./evil\" is outside of \"/var/lib/docker/tmp/docker-import-[0-9]+\"");
    byte[] escape = Tars.plain().file("manifest.json",
        "[{\"Config\":\"../../etc/passwd\",\"RepoTags\":null,\"Layers\":[]}]").bytes();
    assertThatThrownBy(() -> engine.imageArchives().load(new ByteArrayInputStream(escape), listener))
        .hasMessageMatching("\"\\.\\./\\.\\./etc/passwd\" is outside of \"/var/lib/docker/tmp/docker-import-[0-9]+\"");
    byte[] badJson = Tars.plain().file("manifest.json", "xml?").bytes();
    assertThatThrownBy(() -> engine.imageArchives().load(new ByteArrayInputStream(badJson), listener))
        .hasMessage("invalid character 'x' looking for beginning of value");
    byte[] nothing = Tars.plain().file("hello", "x").bytes();
    assertThatThrownBy(() -> engine.imageArchives().load(new ByteArrayInputStream(nothing), listener))
        .hasMessageMatching("open /var/lib/docker/tmp/docker-import-[0-9]+/repositories: no such file or directory");
    byte[] mismatch = Tars.plain().file("manifest.json", "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],"
        + "\"Layers\":[\"l.tar\"]}]").file("c.json", "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
        + "0".repeat(64) + "\"]}}").file("l.tar", Tars.plain().file("a", "b").bytes()).bytes();
    assertThatThrownBy(() -> engine.imageArchives().load(new ByteArrayInputStream(mismatch), listener))
        .hasMessageStartingWith("invalid diffID for layer 0: expected \"sha256:" + "0".repeat(64) + "\", got");
    assertThat(engine.imageCount()).isEqualTo(before);
    assertThat(engine.findImage("x:1")).isEmpty();
  }

  @Test
  void a_tar_bomb_is_stopped_by_the_tar_limits() {
    try (Engine small = Engine.builder().clock(clock).tarLimits(new TarLimits(1000, 100)).build()) {
      byte[] bomb = Tars.gzip().zeros("zeros", 100_000).bytes();
      assertThatThrownBy(() -> small.imageArchives().load(new ByteArrayInputStream(bomb), listener))
          .hasMessage("tar archive too large: more than 1000 bytes once extracted, the daemon's limit");
    }
  }

  @Test
  void import_makes_one_layer_image_with_comment_changes_and_name() {
    byte[] rootfs = Tars.plain().file("etc/motd", "imported\n").bytes();
    Config config = ConfigInstructions.applyChanges(Config.empty(), List.of("CMD [\"/bin/sh\"]", "ENV A=1 B=\"two words\"",
        "EXPOSE 8080", "WORKDIR /srv", "LABEL k=v", "USER nobody"));
    Image image = engine.imageArchives().importImage(new ByteArrayInputStream(rootfs), "imported", "v1", "hello",
        config);
    assertThat(engine.inspectImage("imported:v1").id()).isEqualTo(image.id());
    assertThat(image.comment()).isEqualTo("hello");
    assertThat(image.parent()).isEmpty();
    assertThat(image.config().cmd()).containsExactly("/bin/sh");
    assertThat(image.config().env()).containsExactly("A=1", "B=two words");
    assertThat(image.config().portSpecs()).containsExactly("8080/tcp");
    assertThat(image.config().workingDir()).isEqualTo("/srv");
    assertThat(image.config().labels()).containsEntry("k", "v");
    assertThat(image.config().user()).isEqualTo("nobody");
    assertThatThrownBy(() -> ConfigInstructions.applyChanges(Config.empty(), List.of("RUN echo hi")))
        .hasMessage("RUN is not a valid change command");
  }

  @Test
  void image_prune_removes_dangling_heads_or_every_unused_image_and_counts_the_space() {
    String dangling = engine.imageArchives().importImage(
        new ByteArrayInputStream(Tars.plain().file("f", "12345").bytes()), null, null, "", Config.empty()).id();
    long size = engine.inspectImage(dangling).size();
    Prunes.ImagesPruned first = engine.prunes().images(true, i -> true);
    assertThat(first.removals()).containsExactly(new Removal(true, dangling));
    assertThat(first.reclaimed()).isEqualTo(size);
    assertThat(engine.prunes().images(true, i -> true).removals()).isEmpty();
    // a label filter keeps app:v1 out; without it everything unused goes, the parent with it
    assertThat(engine.prunes().images(false, i -> i.config() == null || i.config().labels() == null).removals())
        .isEmpty();
    engine.containers().create(Config.builder().image("app:v1").cmd("true").build());
    assertThat(engine.prunes().images(false, i -> true).removals()).isEmpty(); // in use
    engine.prunes().containers(c -> true);
    Prunes.ImagesPruned all = engine.prunes().images(false, i -> true);
    assertThat(all.removals()).containsExactly(new Removal(false, "app:v1"), new Removal(true, APP),
        new Removal(true, BASE));
    assertThat(engine.imageCount()).isZero();
    assertThat(engine.events().history()).extracting(Event::action).contains("prune");
  }
}
