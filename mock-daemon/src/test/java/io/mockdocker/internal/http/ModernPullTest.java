package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.faults.Effect;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Modern pull: the JSON progress lines of POST /images/create, fresh and up to date, and its errors. */
class ModernPullTest {
  static final String A = Fixed.id('a');
  static final String B = Fixed.id('b');
  static final String C = Fixed.id('c');
  static final String DIGEST = "sha256:d522b51b6d2d808cfbf27b68c6088e3354fd191416c6c94123fa9cc60fdc8a9a";
  static final String BAR = "[==================================================\\u003e]";

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.registry()
        .image(Fixed.image(B, "", 2048, "./etc/base", "base\n"))
        .image(Fixed.image(A, B, 4096, "./srv/app", "app\n"))
        .image(Fixed.image(C, B, 3072, "./srv/other", "other\n"))
        .tag("test/app", "latest", A)
        .tag("test/app", "other", C);
    http = daemon.http();
  }

  static List<String> lines(Response r) {
    return List.of(new String(r.body(), StandardCharsets.UTF_8).split("(?<=\r\n)"));
  }

  @Test
  void a_fresh_pull_announces_every_layer_then_downloads_extracts_and_ends_with_digest_and_status() {
    Response r = http.post("/v1.50/images/create?fromImage=docker.io%2Ftest%2Fapp&tag=latest");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.chunked()).isTrue();
    assertThat(lines(r)).containsExactly(
        "{\"status\":\"Pulling from test/app\",\"id\":\"latest\"}\r\n",
        "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":4096,\"total\":4096},\"progress\":\"" + BAR
            + "  4.096kB/4.096kB\",\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Verifying Checksum\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":4096,\"total\":4096},\"progress\":\"" + BAR
            + "  4.096kB/4.096kB\",\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n",
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":2048,\"total\":2048},\"progress\":\"" + BAR
            + "  2.048kB/2.048kB\",\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Verifying Checksum\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":2048,\"total\":2048},\"progress\":\"" + BAR
            + "  2.048kB/2.048kB\",\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n",
        "{\"status\":\"Digest: " + DIGEST + "\"}\r\n",
        "{\"status\":\"Status: Downloaded newer image for test/app:latest\"}\r\n");
    assertThat(Engines.of(docker).references().tagged("test/app", "latest")).isPresent();
    assertThat(Engines.of(docker).references().repoDigests(A)).containsExactly("test/app@" + DIGEST);
  }

  @Test
  void pulling_again_is_up_to_date_with_the_same_digest_and_no_layer_lines() {
    http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    Response r = http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    assertThat(lines(r)).containsExactly(
        "{\"status\":\"Pulling from test/app\",\"id\":\"latest\"}\r\n",
        "{\"status\":\"Digest: " + DIGEST + "\"}\r\n",
        "{\"status\":\"Status: Image is up to date for test/app:latest\"}\r\n");
  }

  @Test
  void a_layer_already_local_is_already_exists() {
    http.post("/images/create?fromImage=test/app&tag=latest");
    Response r = http.post("/images/create?fromImage=test/app:other");
    List<String> lines = lines(r);
    assertThat(lines.get(0)).isEqualTo("{\"status\":\"Pulling from test/app\",\"id\":\"other\"}\r\n");
    assertThat(lines.get(1)).isEqualTo("{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n");
    assertThat(lines.get(2)).isEqualTo(
        "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"cccccccccccc\"}\r\n");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("{\"status\":\"Status: Downloaded newer image for test/app:other\"}\r\n");
  }

  @Test
  void an_unknown_repository_is_404_before_the_stream() {
    Response r = http.post("/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnosuch&tag=latest");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"message\":\"pull access denied for nosuch, repository does not exist or may "
        + "require 'docker login'\"}\n");
  }

  @Test
  void an_unknown_tag_is_404_manifest_unknown() {
    Response r = http.post("/v1.50/images/create?fromImage=test/app&tag=nosuch");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo(
        "{\"message\":\"manifest for test/app:nosuch not found: manifest unknown: manifest unknown\"}\n");
  }

  @Test
  void an_invalid_reference_is_400() {
    Response r = http.post("/v1.50/images/create?fromImage=Test/App&tag=latest");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo(
        "{\"message\":\"invalid reference format: repository name (Test/App) must be lowercase\"}\n");
  }

  @Test
  void a_transfer_script_failure_is_an_in_stream_error_detail() {
    docker.script(TransferMatch.pull("test/app"),
        TransferScript.builder().at(0.5, Effect.error("unexpected EOF")).build());
    Response r = http.post("/v1.50/images/create?fromImage=test/app&tag=latest");
    assertThat(r.status()).isEqualTo(200);
    List<String> lines = lines(r);
    assertThat(lines.get(lines.size() - 2)).isEqualTo("{\"status\":\"Downloading\",\"progressDetail\":"
        + "{\"current\":2048,\"total\":4096},\"progress\":\"[=========================\\u003e"
        + "                         ]  2.048kB/4.096kB\",\"id\":\"aaaaaaaaaaaa\"}\r\n");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}\r\n");
  }

  @Test
  void api_1_24_pull_has_the_same_lines() {
    Response r = http.post("/v1.24/images/create?fromImage=test/app&tag=latest");
    List<String> lines = lines(r);
    assertThat(lines).hasSize(15);
    assertThat(lines.get(14)).isEqualTo("{\"status\":\"Status: Downloaded newer image for test/app:latest\"}\r\n");
  }
}
