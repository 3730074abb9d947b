package io.mockdocker.internal.http;

import static io.mockdocker.internal.http.ModernSwarmTest.refused;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /distribution/{name}/json} from the fake registry, over the wire. */
class ModernDistributionTest {
  @RegisterExtension
  final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()));
  RawHttp http;

  @BeforeEach
  void client() {
    http = daemon.http();
  }

  @Test
  void a_tag_answers_its_manifest_descriptor_and_platform_and_a_pull_records_the_same_digest() {
    Response r = http.get("/v1.50/distribution/busybox:latest/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode d = tree(r);
    assertThat(d.get("Descriptor").get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    String digest = d.get("Descriptor").get("digest").asText();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(d.get("Descriptor").get("size").asLong()).isPositive();
    assertThat(d.get("Platforms").toString()).isEqualTo("[{\"architecture\":\"amd64\",\"os\":\"linux\"}]");
    assertThat(tree(http.get("/distribution/docker.io/library/busybox/json"))).isEqualTo(d);
    assertThat(http.get("/v1.50/images/busybox/json").status()).isEqualTo(404);

    assertThat(http.post("/v1.50/images/create?fromImage=busybox&tag=latest").status()).isEqualTo(200);
    assertThat(tree(http.get("/v1.50/images/busybox/json")).get("RepoDigests").toString()).contains(digest);
    Response byDigest = http.get("/v1.50/distribution/busybox@" + digest + "/json");
    assertThat(byDigest.status()).as(byDigest.toString()).isEqualTo(200);
    assertThat(tree(byDigest)).isEqualTo(d);
  }

  @Test
  void unknown_names_tags_and_digests_are_refused_as_the_registry_answered() {
    refused(http.get("/v1.50/distribution/nosuchrepo/json"), 403,
        "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n");
    refused(http.get("/v1.50/distribution/localhost:5000/nosuch:v1/json"), 404,
        "name unknown: repository name not known to registry");
    refused(http.get("/v1.50/distribution/busybox:nosuchtag/json"), 404, "manifest unknown: manifest unknown");
    refused(http.get("/v1.50/distribution/busybox@sha256:" + "0".repeat(64) + "/json"), 404,
        "manifest unknown: manifest unknown");
    refused(http.get("/v1.50/distribution/" + "a".repeat(64) + "/json"), 500, "no manifest found for full image ID");
    refused(http.get("/v1.50/distribution/Busybox/json"), 400,
        "invalid reference format: repository name (Busybox) must be lowercase");
    refused(http.get("/v1.50/distribution/busybox@sha256:abc/json"), 400, "invalid reference format");
  }

  @Test
  void an_open_registry_answers_any_reference() {
    try (MockDocker open = MockDocker.builder().profile(ApiProfile.modern()).openRegistry().start()) {
      Response r = new RawHttp(open.uri()).get("/v1.50/distribution/ghcr.io/acme/tool:1.2/json");
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(tree(r).get("Descriptor").get("digest").asText()).matches("sha256:[0-9a-f]{64}");
    }
  }
}
