package io.mockdocker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic builder's details real clients check: FROM scratch tagged, RUN's stderr in red in the stream, where
 * the Dockerfile may be, {@code cachefrom} and {@code extrahosts}.
 */
class ModernBuildDetailsTest {
  static final String TAR = "application/x-tar";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
    http.post("/images/create?fromImage=busybox&tag=latest");
  }

  static List<String> lines(Response r) {
    return List.of(new String(r.body(), StandardCharsets.UTF_8).split("(?<=\r\n)"));
  }

  Response build(String query, Map<String, String> files) {
    return http.post("/v1.50/build?" + query, TAR, Fixed.tar(files));
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void a_from_scratch_build_with_copy_is_tagged() {
    Response r = build("t=scratchy%3A1", Map.of("Dockerfile", "FROM scratch\nCOPY hello.txt /\n", "hello.txt", "hi\n"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(lines(r)).last().isEqualTo("{\"stream\":\"Successfully tagged scratchy:1\\n\"}\r\n");
    JsonNode image = Json.tree(http.get("/v1.50/images/scratchy:1/json"));
    assertThat(image.get("RepoTags").get(0).asText()).isEqualTo("scratchy:1");
    assertThat(image.get("Parent").asText()).isEmpty();
  }

  @Test
  void a_runs_stderr_is_streamed_in_red_between_its_stdout_in_the_order_written() {
    Response r = build("rm=1", Map.of("Dockerfile", "FROM busybox\nRUN echo out && echo err >&2 && echo out2\n"));
    List<String> lines = lines(r);
    int out = lines.indexOf("{\"stream\":\"out\\n\"}\r\n");
    assertThat(out).isPositive();
    assertThat(lines.get(out + 1)).isEqualTo("{\"stream\":\"\\u001b[91merr\\n\\u001b[0m\"}\r\n");
    assertThat(lines.get(out + 2)).isEqualTo("{\"stream\":\"out2\\n\"}\r\n");
  }

  @Test
  void a_dockerfile_in_a_subdirectory_is_found_and_one_outside_the_context_is_forbidden() {
    Map<String, String> files = Map.of("sub/Build.df", "FROM busybox\nLABEL where=sub\n");
    assertThat(lines(build("dockerfile=sub%2FBuild.df&t=sub", files))).last()
        .isEqualTo("{\"stream\":\"Successfully tagged sub:latest\\n\"}\r\n");
    assertThat(build("dockerfile=%2Fsub%2FBuild.df&t=abs", files).status()).isEqualTo(200);
    assertThat(Engines.of(docker).references().tagged("abs", "latest")).isPresent();
    assertThat(build("dockerfile=sub%2F..%2Fsub%2FBuild.df", files).status()).isEqualTo(200);

    Response outside = build("dockerfile=..%2FDockerfile", files);
    assertThat(outside.status()).isEqualTo(500);
    assertThat(outside.text())
        .isEqualTo("{\"message\":\"forbidden path outside the build context: ../Dockerfile ()\"}\n");
    Response missing = build("dockerfile=sub%2FNope", files);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text()).isEqualTo("{\"message\":\"Cannot locate specified Dockerfile: sub/Nope\"}\n");
  }

  @Test
  void cachefrom_limits_the_cache_to_the_named_images_ancestry() {
    Map<String, String> files = Map.of("Dockerfile", "FROM busybox\nRUN echo one > /one\n");
    build("t=first", files);
    String cached = "{\"stream\":\" ---\\u003e Using cache\\n\"}\r\n";
    assertThat(lines(build("t=again", files))).contains(cached);
    assertThat(lines(build("cachefrom=" + q("[\"nothing:here\"]"), files))).doesNotContain(cached);
    Response from = build("t=third&cachefrom=" + q("[\"first\"]"), files);
    assertThat(lines(from)).contains(cached);
    assertThat(Engines.of(docker).references().tagged("third", "latest").orElseThrow().id())
        .isEqualTo(Engines.of(docker).references().tagged("first", "latest").orElseThrow().id());
  }

  @Test
  void a_cachefrom_that_is_not_a_json_list_of_names_is_a_400() {
    Map<String, String> files = Map.of("Dockerfile", "FROM busybox\n");
    Response object = build("cachefrom=" + q("{\"a\":1}"), files);
    assertThat(object.status()).isEqualTo(400);
    assertThat(object.text()).isEqualTo("{\"message\":\"error reading cache-from: json: cannot unmarshal object "
        + "into Go value of type []string\"}\n");
    Response number = build("cachefrom=" + q("[1]"), files);
    assertThat(number.text()).isEqualTo("{\"message\":\"error reading cache-from: json: cannot unmarshal number "
        + "into Go value of type string\"}\n");
    Response text = build("cachefrom=busybox", files);
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.text()).isEqualTo("{\"message\":\"error reading cache-from: invalid character 'b' looking for "
        + "beginning of value\"}\n");
  }

  @Test
  void extrahosts_are_in_the_run_steps_etc_hosts_and_not_in_the_image() {
    Response r = build("t=hosts&extrahosts=db%3A10.0.0.5&extrahosts=gw%3Ahost-gateway",
        Map.of("Dockerfile", "FROM busybox\nRUN cat /etc/hosts\n"));
    List<String> lines = lines(r);
    String hosts = Json.tree(lines.stream().filter(l -> l.contains("localhost")).findFirst().orElseThrow())
        .get("stream").asText();
    assertThat(hosts).startsWith("127.0.0.1\tlocalhost\n").contains("10.0.0.5\tdb\n").endsWith("172.16.42.1\tgw\n");
    assertThat(lines).last().isEqualTo("{\"stream\":\"Successfully tagged hosts:latest\\n\"}\r\n");
    Response diff = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"hosts\",\"Cmd\":[\"cat\",\"/etc/hosts\"]}");
    String id = Json.tree(diff).get("Id").asText();
    assertThat(Json.tree(http.get("/v1.50/containers/" + id + "/changes")).toString()).doesNotContain("hosts");

    Response bad = build("extrahosts=db%3Anope", Map.of("Dockerfile", "FROM busybox\nRUN true\n"));
    assertThat(lines(bad)).last().isEqualTo("{\"errorDetail\":{\"message\":\"invalid IP address in add-host: "
        + "\\\"nope\\\"\"},\"error\":\"invalid IP address in add-host: \\\"nope\\\"\"}\r\n");
  }

  @Test
  void from_by_digest_uses_or_pulls_that_manifest_and_an_unknown_digest_is_manifest_unknown() {
    String digest = Json.tree(http.get("/v1.50/images/busybox/json")).get("RepoDigests").get(0).asText();
    String busyboxId = Json.tree(http.get("/v1.50/images/busybox/json")).get("Id").asText();
    Map<String, String> pinned = Map.of("Dockerfile", "FROM " + digest + "\nLABEL pinned=1\n");
    assertThat(lines(build("t=pinned", pinned))).last()
        .isEqualTo("{\"stream\":\"Successfully tagged pinned:latest\\n\"}\r\n");
    assertThat(Json.tree(http.get("/v1.50/images/pinned/json")).get("Parent").asText()).isEqualTo(busyboxId);

    http.delete("/v1.50/images/" + digest); // busybox keeps its tag; the digest is pulled again by the build
    List<String> pulled = lines(build("t=pinned2", pinned));
    assertThat(pulled).contains("{\"status\":\"Digest: " + digest.substring(digest.indexOf('@') + 1) + "\"}\r\n",
        "{\"status\":\"Status: Image is up to date for " + digest + "\"}\r\n");
    assertThat(pulled).last().isEqualTo("{\"stream\":\"Successfully tagged pinned2:latest\\n\"}\r\n");

    String unknown = "busybox@sha256:" + "0".repeat(64);
    List<String> missing = lines(build("", Map.of("Dockerfile", "FROM " + unknown + "\n")));
    String message = "manifest for " + unknown + " not found: manifest unknown: manifest unknown";
    assertThat(missing).last()
        .isEqualTo("{\"errorDetail\":{\"message\":\"" + message + "\"},\"error\":\"" + message + "\"}\r\n");
  }
}
