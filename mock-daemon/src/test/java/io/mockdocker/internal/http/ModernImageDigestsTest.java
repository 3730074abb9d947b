package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Images named by ID ({@code sha256:<id>}, a prefix) and by manifest digest ({@code repo@sha256:…}) on the wire. */
class ModernImageDigestsTest {
  static final String A = Fixed.id('a');
  static final String B = Fixed.id('b');
  static final String DIGEST = ModernPullTest.DIGEST;
  static final String UNKNOWN = "sha256:" + "0".repeat(64);
  static final String JSON = "application/json";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(Fixed.image(B, "", 2048, "./etc/base", "base\n"))
        .image(Fixed.image(A, B, 4096, "./srv/app", "app\n"))
        .tag("test/app", "latest", A);
    http = daemon.http();
  }

  static List<String> lines(Response r) {
    return List.of(new String(r.body(), StandardCharsets.UTF_8).split("(?<=\r\n)"));
  }

  @Test
  void pulling_by_digest_downloads_the_manifest_untagged_and_records_the_digest() {
    Response r = http.post("/v1.50/images/create?fromImage=test%2Fapp%40" + DIGEST);
    assertThat(r.status()).isEqualTo(200);
    List<String> lines = lines(r);
    assertThat(lines.get(0)).isEqualTo("{\"status\":\"Pulling from test/app\",\"id\":\"" + DIGEST + "\"}\r\n");
    assertThat(lines).contains("{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n");
    assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
        "{\"status\":\"Digest: " + DIGEST + "\"}\r\n",
        "{\"status\":\"Status: Downloaded newer image for test/app@" + DIGEST + "\"}\r\n");
    assertThat(Engines.of(docker).references().tagged("test/app", "latest")).isEmpty();

    JsonNode inspect = Json.tree(http.get("/v1.50/images/test/app@" + DIGEST + "/json"));
    assertThat(inspect.get("Id").asText()).isEqualTo("sha256:" + A);
    assertThat(inspect.get("RepoTags")).isEmpty();
    assertThat(inspect.get("RepoDigests").get(0).asText()).isEqualTo("test/app@" + DIGEST);
  }

  @Test
  void the_clients_form_sends_the_digest_as_the_tag_and_a_second_pull_is_up_to_date() {
    http.post("/v1.50/images/create?fromImage=docker.io%2Ftest%2Fapp&tag=" + DIGEST);
    Response r = http.post("/v1.50/images/create?fromImage=docker.io%2Ftest%2Fapp&tag=" + DIGEST);
    assertThat(lines(r)).containsExactly(
        "{\"status\":\"Pulling from test/app\",\"id\":\"" + DIGEST + "\"}\r\n",
        "{\"status\":\"Digest: " + DIGEST + "\"}\r\n",
        "{\"status\":\"Status: Image is up to date for test/app@" + DIGEST + "\"}\r\n");
  }

  @Test
  void an_unknown_digest_is_manifest_unknown_and_a_malformed_one_an_invalid_reference() {
    Response unknown = http.post("/v1.50/images/create?fromImage=test%2Fapp&tag=" + UNKNOWN);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text()).isEqualTo("{\"message\":\"manifest for test/app@" + UNKNOWN
        + " not found: manifest unknown: manifest unknown\"}\n");
    Response malformed = http.post("/v1.50/images/create?fromImage=test%2Fapp%40sha256%3Axyz");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text()).isEqualTo("{\"message\":\"invalid reference format\"}\n");
    assertThat(http.get("/v1.50/_ping").status()).isEqualTo(200);
  }

  @Test
  void create_finds_the_image_by_sha256_id_by_short_id_and_by_digest() {
    http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    for (String image : List.of("sha256:" + A, "sha256:aaaaaaaaaaaa", "aaaaaaaaaaaa", "test/app@" + DIGEST,
        "test/app:v9@" + DIGEST)) {
      Response created = http.post("/v1.50/containers/create", JSON,
          "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"]}");
      assertThat(created.status()).as(image).isEqualTo(201);
      JsonNode c = Json.tree(http.get("/v1.50/containers/" + Json.tree(created).get("Id").asText() + "/json"));
      assertThat(c.get("Image").asText()).as(image).isEqualTo("sha256:" + A);
      assertThat(c.at("/Config/Image").asText()).as(image).isEqualTo(image);
    }
    Response missing = http.post("/v1.50/containers/create", JSON,
        "{\"Image\":\"sha256:" + "e".repeat(64) + "\",\"Cmd\":[\"true\"]}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"No such image: sha256:" + "e".repeat(64) + "\"}\n");
  }

  @Test
  void inspect_tag_and_remove_take_sha256_ids() {
    http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    assertThat(Json.tree(http.get("/v1.50/images/sha256:" + A + "/json")).get("Id").asText())
        .isEqualTo("sha256:" + A);
    assertThat(http.post("/v1.50/images/sha256:aaaaaaaaaaaa/tag?repo=mine&tag=v1").status()).isEqualTo(201);
    assertThat(Json.tree(http.get("/v1.50/images/mine:v1/json")).get("Id").asText()).isEqualTo("sha256:" + A);
    Response digestTag = http.post("/v1.50/images/sha256:" + A + "/tag?repo=mine%40" + DIGEST);
    assertThat(digestTag.status()).isEqualTo(500);
    assertThat(digestTag.text()).isEqualTo("{\"message\":\"cannot import digest reference\"}\n");
    Response conflict = http.delete("/v1.50/images/sha256:" + A);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text()).contains("image is referenced in multiple repositories");
    Response removed = http.delete("/v1.50/images/sha256:" + A + "?force=1");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.text()).contains("\"Deleted\":\"sha256:" + A + "\"");
    assertThat(http.get("/v1.50/images/sha256:" + A + "/json").status()).isEqualTo(404);
  }

  @Test
  void removing_a_digest_reference_untags_it_and_the_last_reference_deletes_the_image() {
    http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    Response digestOnly = http.delete("/v1.50/images/test/app@" + DIGEST);
    assertThat(digestOnly.status()).isEqualTo(200);
    assertThat(digestOnly.text()).isEqualTo("[{\"Untagged\":\"test/app@" + DIGEST + "\"}]\n");
    assertThat(Json.tree(http.get("/v1.50/images/test/app:latest/json")).get("RepoDigests")).isEmpty();

    http.delete("/v1.50/images/test/app:latest");
    http.post("/v1.50/images/create?fromImage=test/app&tag=" + DIGEST);
    Response created = http.post("/v1.50/containers/create", JSON,
        "{\"Image\":\"test/app@" + DIGEST + "\",\"Cmd\":[\"true\"]}");
    String container = Json.tree(created).get("Id").asText();
    Response inUse = http.delete("/v1.50/images/test/app@" + DIGEST);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.text()).isEqualTo("{\"message\":\"conflict: unable to remove repository reference \\\"test/app@"
        + DIGEST + "\\\" (must force) - container " + container.substring(0, 12)
        + " is using its referenced image aaaaaaaaaaaa\"}\n");
    http.delete("/v1.50/containers/" + container);
    Response last = http.delete("/v1.50/images/test/app@" + DIGEST);
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.text()).isEqualTo("[{\"Untagged\":\"test/app@" + DIGEST + "\"},{\"Deleted\":\"sha256:" + A
        + "\"},{\"Deleted\":\"sha256:" + B + "\"}]\n");
    Response missing = http.delete("/v1.50/images/test/app@" + DIGEST);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"No such image: test/app@" + DIGEST + "\"}\n");
  }

  @Test
  void removing_by_id_or_pruning_an_image_known_only_by_digest_untags_the_digest_first() {
    http.post("/v1.50/images/create?fromImage=test/app&tag=" + DIGEST);
    Response byId = http.delete("/v1.50/images/sha256:" + A);
    assertThat(byId.text()).isEqualTo("[{\"Untagged\":\"test/app@" + DIGEST + "\"},{\"Deleted\":\"sha256:" + A
        + "\"},{\"Deleted\":\"sha256:" + B + "\"}]\n");

    http.post("/v1.50/images/create?fromImage=test/app&tag=" + DIGEST);
    for (String dangling : List.of("true", "false")) {
      JsonNode listed = Json.tree(http.get("/v1.50/images/json?filters=%7B%22dangling%22%3A%5B%22" + dangling
          + "%22%5D%7D"));
      assertThat(listed).as(dangling).hasSize(1);
      assertThat(listed.get(0).get("RepoDigests").get(0).asText()).isEqualTo("test/app@" + DIGEST);
      assertThat(listed.get(0).get("RepoTags")).isEmpty();
    }
    Response pruned = http.post("/v1.50/images/prune");
    assertThat(Json.tree(pruned).get("ImagesDeleted").toString()).isEqualTo("[{\"Untagged\":\"test/app@" + DIGEST
        + "\"},{\"Deleted\":\"sha256:" + A + "\"},{\"Deleted\":\"sha256:" + B + "\"}]");
  }
}
