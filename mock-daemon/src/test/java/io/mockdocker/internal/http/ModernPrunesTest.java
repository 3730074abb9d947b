package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.Tars;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Container, image and build cache prunes and {@code /system/df} in the modern view, over the wire. */
class ModernPrunesTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String JSON = "application/json";

  VirtualClock clock;
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(T0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String create(String body) {
    Response r = http.post("/v1.50/containers/create", JSON, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return tree(r).get("Id").asText();
  }

  static String filters(String json) {
    return "?filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  static List<String> keys(JsonNode o) {
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void container_prune_removes_stopped_containers_by_label_and_until() {
    String old = create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Labels\":{\"keep\":\"no\"}}");
    clock.advance(Duration.ofHours(2));
    String labelled = create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Labels\":{\"keep\":\"yes\"}}");
    String running = create("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"]}");
    assertThat(http.post("/v1.50/containers/" + running + "/start").status()).isEqualTo(204);

    Response untilOne = http.post("/v1.50/containers/prune" + filters("{\"until\":[\"1h\"]}"));
    assertThat(untilOne.status()).isEqualTo(200);
    assertThat(untilOne.text()).isEqualTo("{\"ContainersDeleted\":[\"" + old + "\"],\"SpaceReclaimed\":0}\n");

    Response notKept = http.post("/v1.50/containers/prune" + filters("{\"label!\":[\"keep=yes\"]}"));
    assertThat(tree(notKept).get("ContainersDeleted").isNull()).isTrue();
    Response kept = http.post("/v1.50/containers/prune" + filters("{\"label\":[\"keep\"]}"));
    assertThat(tree(kept).get("ContainersDeleted").toString()).isEqualTo("[\"" + labelled + "\"]");

    Response none = http.post("/v1.50/containers/prune");
    assertThat(none.text()).isEqualTo("{\"ContainersDeleted\":null,\"SpaceReclaimed\":0}\n");
    assertThat(http.get("/v1.50/containers/" + running + "/json").status()).isEqualTo(200);

    Response bad = http.post("/v1.50/containers/prune" + filters("{\"dangling\":[\"true\"]}"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"invalid filter 'dangling'\"}\n");
    Response twoUntils = http.post("/v1.50/containers/prune" + filters("{\"until\":[\"1h\",\"2h\"]}"));
    assertThat(twoUntils.text()).isEqualTo("{\"message\":\"more than one until filter specified\"}\n");
  }

  @Test
  void image_prune_removes_dangling_images_or_with_dangling_false_every_unused_one() {
    Response imported = http.post("/v1.50/images/create?fromSrc=-", "application/x-tar",
        Tars.plain().file("f", "12345").bytes());
    String dangling = tree(imported.text().strip()).get("status").asText();

    Response first = http.post("/v1.50/images/prune");
    assertThat(first.status()).isEqualTo(200);
    JsonNode report = tree(first);
    assertThat(keys(report)).containsExactly("ImagesDeleted", "SpaceReclaimed");
    assertThat(report.get("ImagesDeleted").toString()).isEqualTo("[{\"Deleted\":\"" + dangling + "\"}]");
    assertThat(report.get("SpaceReclaimed").asLong()).isPositive();
    assertThat(http.post("/v1.50/images/prune").text()).isEqualTo("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}\n");

    String user = create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    JsonNode all = tree(http.post("/v1.50/images/prune" + filters("{\"dangling\":[\"false\"]}")));
    List<String> untagged = new ArrayList<>();
    all.get("ImagesDeleted").forEach(d -> {
      if (d.has("Untagged")) {
        untagged.add(d.get("Untagged").asText());
      }
    });
    assertThat(untagged).containsExactlyInAnyOrder("base:latest", "base:ubuntu-quantal");
    assertThat(http.get("/v1.50/images/base/json").status()).isEqualTo(404);
    assertThat(http.get("/v1.50/images/busybox/json").status()).isEqualTo(200); // used by a container
    assertThat(http.delete("/v1.50/containers/" + user).status()).isEqualTo(204);

    Response bad = http.post("/v1.50/images/prune" + filters("{\"dangling\":[\"maybe\"]}"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"invalid filter 'dangling=[maybe]'\"}\n");
    Response labelled = http.post("/v1.50/images/prune" + filters("{\"dangling\":[\"false\"],\"label\":[\"x\"]}"));
    assertThat(labelled.text()).isEqualTo("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}\n");
  }

  @Test
  void network_and_volume_prunes_refuse_by_label_bang_only_when_every_value_holds() {
    assertThat(http.post("/v1.50/networks/create", JSON, "{\"Name\":\"one\",\"Labels\":{\"x\":\"1\"}}").status())
        .isEqualTo(201);
    assertThat(http.post("/v1.50/networks/create", JSON,
        "{\"Name\":\"both\",\"Labels\":{\"x\":\"1\",\"y\":\"2\"}}").status()).isEqualTo(201);
    String bang = filters("{\"label!\":[\"x=1\",\"y=2\"]}");
    assertThat(http.post("/v1.50/networks/prune" + bang).text()).isEqualTo("{\"NetworksDeleted\":[\"one\"]}\n");
    assertThat(http.post("/v1.50/volumes/create", JSON, "{\"Name\":\"v1\",\"Labels\":{\"x\":\"1\"}}").status())
        .isEqualTo(201);
    assertThat(http.post("/v1.50/volumes/create", JSON,
        "{\"Name\":\"v2\",\"Labels\":{\"x\":\"1\",\"y\":\"2\"}}").status()).isEqualTo(201);
    String all = filters("{\"all\":[\"true\"],\"label!\":[\"x=1\",\"y=2\"]}");
    assertThat(tree(http.post("/v1.50/volumes/prune" + all)).get("VolumesDeleted").toString())
        .isEqualTo("[\"v1\"]");
  }

  @Test
  void each_prune_ends_with_its_prune_event_carrying_the_reclaimed_bytes() {
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    http.post("/v1.50/containers/prune");
    http.post("/v1.50/images/prune");
    http.post("/v1.50/build/prune");
    clock.advance(Duration.ofSeconds(120));
    Response r = http.get("/v1.50/events?since=" + T0.getEpochSecond() + "&until=" + (T0.getEpochSecond() + 60));
    List<String> seen = new ArrayList<>();
    for (String line : r.text().split("\n")) {
      JsonNode e = tree(line);
      if (!Set.of("create", "pull").contains(e.get("Action").asText())) {
        seen.add(e.get("Type").asText() + " " + e.get("Action").asText() + " " + e.get("Actor").get("ID").asText()
            + " " + e.get("Actor").get("Attributes").get("reclaimed"));
      }
    }
    assertThat(seen).containsExactly("container destroy " + id + " null", "container prune  \"0\"",
        "image prune  \"0\"", "builder prune  \"0\"");
  }

  @Test
  void build_cache_prune_reports_nothing_reclaimed() {
    Response r = http.post("/v1.50/build/prune?all=1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}\n");
    assertThat(http.post("/v1.50/build/prune" + filters("{\"nope\":[\"x\"]}")).status()).isEqualTo(400);
  }

  @Test
  void disk_usage_lists_images_containers_volumes_and_build_cache_with_sizes() throws Exception {
    String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    assertThat(http.post("/v1.50/volumes/create", JSON, "{\"Name\":\"data\"}").status()).isEqualTo(201);
    Response r = http.get("/v1.50/system/df");
    assertThat(r.status()).isEqualTo(200);
    JsonNode df = tree(r);
    assertThat(keys(df)).containsExactly("LayersSize", "Images", "Containers", "Volumes", "BuildCache");
    assertThat(df.get("LayersSize").asLong()).isPositive();
    assertThat(df.get("Images")).hasSize(2);
    JsonNode busybox = null;
    for (JsonNode image : df.get("Images")) {
      if (image.get("RepoTags").toString().contains("busybox:latest")) {
        busybox = image;
      }
    }
    assertThat(busybox).isNotNull();
    assertThat(busybox.get("Containers").asInt()).isEqualTo(1);
    assertThat(busybox.get("SharedSize").asLong()).isZero();
    assertThat(busybox.get("Size").asLong()).isPositive();
    assertThat(df.get("Containers").get(0).get("Id").asText()).isEqualTo(id);
    assertThat(df.get("Containers").get(0).has("SizeRw")).isTrue();
    JsonNode volume = df.get("Volumes").get(0);
    assertThat(volume.get("Name").asText()).isEqualTo("data");
    assertThat(volume.get("UsageData").toString()).isEqualTo("{\"RefCount\":0,\"Size\":0}");
    assertThat(df.get("BuildCache").toString()).isEqualTo("[]");

    JsonNode volumesOnly = tree(http.get("/v1.50/system/df?type=volume"));
    assertThat(volumesOnly.get("LayersSize").asLong()).isZero();
    assertThat(volumesOnly.get("Images").isNull()).isTrue();
    assertThat(volumesOnly.get("Containers").isNull()).isTrue();
    assertThat(volumesOnly.get("BuildCache").isNull()).isTrue();
    assertThat(volumesOnly.get("Volumes")).hasSize(1);
    // before 1.42 the type filter is not read
    assertThat(tree(http.get("/v1.41/system/df?type=volume")).get("Images")).hasSize(2);
    Response bad = http.get("/v1.50/system/df?type=nope");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"unknown object type: nope\"}\n");
  }
}
