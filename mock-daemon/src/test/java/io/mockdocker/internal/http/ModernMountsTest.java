package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.HostFiles;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mounts over the wire: inspect's and the list's {@code Mounts}, the host config echoed, the 400s and 409s. */
class ModernMountsTest {
  static final String JSON = "application/json";

  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern())
        .clock(VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z")))
        .hostFiles(HostFiles.memory().withFile("/srv/app/app.conf", "port=80\n")).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  String create(String hostConfig) {
    Response r = http.post("/v1.50/containers/create", JSON,
        "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":" + hostConfig + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return tree(r).get("Id").asText();
  }

  @Test
  void inspect_shows_the_mount_points_and_echoes_binds_and_mounts_as_sent() {
    String id = create("{\"Binds\":[\"data:/data\",\"/srv/app:/etc/app:ro\"],\"Mounts\":["
        + "{\"Type\":\"tmpfs\",\"Target\":\"/run/t\"},"
        + "{\"Type\":\"volume\",\"Source\":\"cfg\",\"Target\":\"/cfg\",\"ReadOnly\":true,"
        + "\"VolumeOptions\":{\"NoCopy\":true}}]}");
    JsonNode c = tree(http.get("/v1.50/containers/" + id + "/json"));
    assertThat(c.get("Mounts").toString()).isEqualTo("["
        + "{\"Type\":\"volume\",\"Name\":\"cfg\",\"Source\":\"/var/lib/docker/volumes/cfg/_data\","
        + "\"Destination\":\"/cfg\",\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":false,\"Propagation\":\"\"},"
        + "{\"Type\":\"volume\",\"Name\":\"data\",\"Source\":\"/var/lib/docker/volumes/data/_data\","
        + "\"Destination\":\"/data\",\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":true,\"Propagation\":\"\"},"
        + "{\"Type\":\"bind\",\"Source\":\"/srv/app\",\"Destination\":\"/etc/app\",\"Mode\":\"ro\",\"RW\":false,"
        + "\"Propagation\":\"rprivate\"},"
        + "{\"Type\":\"tmpfs\",\"Source\":\"\",\"Destination\":\"/run/t\",\"Mode\":\"\",\"RW\":true,"
        + "\"Propagation\":\"\"}]");
    JsonNode host = c.get("HostConfig");
    assertThat(host.get("Binds").toString()).isEqualTo("[\"data:/data\",\"/srv/app:/etc/app:ro\"]");
    assertThat(host.get("Mounts").toString()).isEqualTo("[{\"Type\":\"tmpfs\",\"Target\":\"/run/t\"},"
        + "{\"Type\":\"volume\",\"Source\":\"cfg\",\"Target\":\"/cfg\",\"ReadOnly\":true,"
        + "\"VolumeOptions\":{\"NoCopy\":true}}]");
    JsonNode listed = tree(http.get("/v1.50/containers/json?all=1")).get(0);
    assertThat(listed.get("Mounts")).isEqualTo(c.get("Mounts"));
  }

  @Test
  void a_container_without_mounts_keeps_null_binds_and_no_mounts_key() {
    String id = create("{}");
    JsonNode c = tree(http.get("/v1.50/containers/" + id + "/json"));
    assertThat(c.get("Mounts").toString()).isEqualTo("[]");
    assertThat(c.get("HostConfig").get("Binds").isNull()).isTrue();
    assertThat(c.get("HostConfig").has("Mounts")).isFalse();
  }

  @Test
  void bad_mounts_are_400s_in_the_daemons_words_and_the_daemon_keeps_serving() {
    Response missing = http.post("/v1.50/containers/create", JSON, "{\"Image\":\"busybox\",\"HostConfig\":"
        + "{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/nowhere\",\"Target\":\"/n\"}]}}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text()).isEqualTo("{\"message\":\"invalid mount config for type \\\"bind\\\": bind "
        + "source path does not exist: /nowhere\"}\n");
    Response mode = http.post("/v1.50/containers/create", JSON,
        "{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"v:/v:xx\"]}}");
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.text()).contains("invalid mode: xx");
    Response type = http.post("/v1.50/containers/create", JSON,
        "{\"Image\":\"busybox\",\"HostConfig\":{\"Mounts\":[{\"Type\":\"npipe\",\"Target\":\"/p\"}]}}");
    assertThat(type.status()).isEqualTo(400);
    assertThat(type.text()).contains("invalid mount config for type \\\"npipe\\\": mount type unknown");
    assertThat(tree(http.get("/v1.50/containers/json?all=1")).size()).isZero();
    assertThat(http.get("/_ping").status()).isEqualTo(200);
  }

  @Test
  void a_volume_in_use_is_a_409_and_rm_v_drops_the_anonymous_ones() {
    String id = create("{\"Binds\":[\"used:/u\",\"/anon\"]}");
    Response rm = http.delete("/v1.50/volumes/used");
    assertThat(rm.status()).isEqualTo(409);
    assertThat(rm.text()).isEqualTo("{\"message\":\"remove used: volume is in use - [" + id + "]\"}\n");
    Response forced = http.delete("/v1.50/volumes/used?force=1");
    assertThat(forced.status()).isEqualTo(409);
    String anon = tree(http.get("/v1.50/containers/" + id + "/json")).get("Mounts").get(0).get("Name").asText();
    assertThat(http.delete("/v1.50/containers/" + id + "?v=1").status()).isEqualTo(204);
    assertThat(http.get("/v1.50/volumes/" + anon).status()).isEqualTo(404);
    assertThat(http.get("/v1.50/volumes/used").status()).isEqualTo(200);
    assertThat(http.delete("/v1.50/volumes/used").status()).isEqualTo(204);
  }

  @Test
  void archive_put_into_a_read_only_mount_is_a_400() {
    String id = create("{\"Binds\":[\"/srv/app:/etc/app:ro\"]}");
    Response head = http.send("HEAD", "/v1.50/containers/" + id + "/archive?path=/etc/app/app.conf", null, new byte[0]);
    assertThat(head.status()).isEqualTo(200);
    Response put = http.send("PUT", "/v1.50/containers/" + id + "/archive?path=/etc/app", "application/x-tar",
        new byte[1024]);
    assertThat(put.status()).isEqualTo(400);
    assertThat(put.text()).isEqualTo("{\"message\":\"mounted volume is marked read-only\"}\n");
  }
}
