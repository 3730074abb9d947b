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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The modern volume endpoints over the wire. */
class ModernVolumesTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String JSON = "application/json";

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    VirtualClock clock = VirtualClock.at(T0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  JsonNode create(String body) {
    Response r = http.post("/v1.50/volumes/create", JSON, body);
    assertThat(r.status()).isEqualTo(201);
    return tree(r);
  }

  static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("Volumes").forEach(v -> out.add(v.get("Name").asText()));
    return out;
  }

  @Test
  void create_answers_201_with_the_daemons_keys_and_inspect_the_same() {
    JsonNode v = create("{\"Name\":\"data\",\"Labels\":{\"team\":\"a\"},\"DriverOpts\":{}}");
    List<String> keys = new ArrayList<>();
    v.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope");
    assertThat(v.get("CreatedAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(v.get("Driver").asText()).isEqualTo("local");
    assertThat(v.get("Labels").toString()).isEqualTo("{\"team\":\"a\"}");
    assertThat(v.get("Mountpoint").asText()).isEqualTo("/var/lib/docker/volumes/data/_data");
    assertThat(v.get("Options").isNull()).isTrue();
    assertThat(v.get("Scope").asText()).isEqualTo("local");
    Response inspect = http.get("/v1.50/volumes/data");
    assertThat(inspect.status()).isEqualTo(200);
    assertThat(tree(inspect)).isEqualTo(v);
    JsonNode anon = create("{}");
    assertThat(anon.get("Name").asText()).matches("[0-9a-f]{64}");
    assertThat(anon.get("Labels").toString()).isEqualTo("{\"com.docker.volume.anonymous\":\"\"}");
  }

  @Test
  void the_list_has_volumes_and_null_warnings_and_takes_the_filters() {
    create("{\"Name\":\"alpha\",\"Labels\":{\"env\":\"ci\"}}");
    create("{\"Name\":\"beta\"}");
    Response r = http.get("/v1.50/volumes");
    assertThat(r.status()).isEqualTo(200);
    assertThat(tree(r).get("Warnings").isNull()).isTrue();
    assertThat(names(tree(r))).containsExactly("alpha", "beta");
    assertThat(names(tree(http.get("/v1.50/volumes?filters=%7B%22name%22:%5B%22alp%22%5D%7D"))))
        .containsExactly("alpha");
    assertThat(names(tree(http.get("/v1.50/volumes?filters=%7B%22label%22:%5B%22env=ci%22%5D%7D"))))
        .containsExactly("alpha");
    assertThat(names(tree(http.get("/v1.50/volumes?filters=%7B%22dangling%22:%5B%22true%22%5D%7D"))))
        .containsExactly("alpha", "beta");
    assertThat(names(tree(http.get("/v1.50/volumes?filters=%7B%22driver%22:%5B%22local%22%5D%7D"))))
        .containsExactly("alpha", "beta");
    Response bad = http.get("/v1.50/volumes?filters=%7B%22until%22:%5B%221h%22%5D%7D");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo("{\"message\":\"invalid filter 'until'\"}\n");
  }

  @Test
  void refusals_carry_the_daemons_text_and_status() {
    Response missing = http.get("/v1.50/volumes/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"get nope: no such volume\"}\n");
    assertThat(http.delete("/v1.50/volumes/nope").status()).isEqualTo(404);
    assertThat(http.delete("/v1.50/volumes/nope?force=1").status()).isEqualTo(204);
    Response short1 = http.post("/v1.50/volumes/create", JSON, "{\"Name\":\"x\"}");
    assertThat(short1.status()).isEqualTo(400);
    assertThat(short1.text()).isEqualTo("{\"message\":\"create x: volume name is too short, names should be at "
        + "least two alphanumeric characters\"}\n");
    Response driver = http.post("/v1.50/volumes/create", JSON, "{\"Name\":\"ok\",\"Driver\":\"nfs\"}");
    assertThat(driver.status()).isEqualTo(404);
  }

  @Test
  void remove_answers_204_and_the_volume_is_gone() {
    create("{\"Name\":\"gone\"}");
    Response r = http.delete("/v1.50/volumes/gone");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.text()).isEmpty();
    assertThat(names(tree(http.get("/v1.50/volumes")))).isEmpty();
  }

  @Test
  void prune_takes_anonymous_volumes_from_1_42_and_all_before_or_with_all_true() {
    String anon = create("{}").get("Name").asText();
    create("{\"Name\":\"named\"}");
    Response r = http.post("/v1.50/volumes/prune");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"VolumesDeleted\":[\"" + anon + "\"],\"SpaceReclaimed\":0}\n");
    assertThat(http.post("/v1.50/volumes/prune").text()).isEqualTo("{\"VolumesDeleted\":[],\"SpaceReclaimed\":0}\n");
    assertThat(http.post("/v1.41/volumes/prune").text())
        .isEqualTo("{\"VolumesDeleted\":[\"named\"],\"SpaceReclaimed\":0}\n");
    create("{\"Name\":\"again\"}");
    assertThat(http.post("/v1.50/volumes/prune?filters=%7B%22all%22:%5B%22true%22%5D%7D").text())
        .isEqualTo("{\"VolumesDeleted\":[\"again\"],\"SpaceReclaimed\":0}\n");
    Response bad = http.post("/v1.50/volumes/prune?filters=%7B%22dangling%22:%5B%22true%22%5D%7D");
    assertThat(bad.status()).isEqualTo(400);
  }
}
