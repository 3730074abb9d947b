package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.registry.Config;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/** Modern push: the JSON lines, registry hosts, credentials, and pulling back what was pushed. */
class ModernPushTest {
  static final String BUSYBOX = "e9aa60c60128";
  static final String MOCK_AUTH = Base64.getUrlEncoder().encodeToString(
      "{\"username\":\"mock\",\"password\":\"mock\",\"serveraddress\":\"localhost:5000\"}".getBytes(
          StandardCharsets.UTF_8));

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.profile(ApiProfile.modern()));
  MockDocker docker;
  RawHttp http;
  String committed;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
    http.post("/images/create?fromImage=busybox&tag=latest");
    String container = Engines.of(docker).containers().create(Config.builder().image("busybox").cmd("true").build())
        .id();
    committed = Engines.of(docker).containers().commit(container, "", "", "", "", null).id();
  }

  static List<String> lines(Response r) {
    return List.of(new String(r.body(), StandardCharsets.UTF_8).split("(?<=\r\n)"));
  }

  Response push(String path, String auth) {
    String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
        + (auth == null ? "" : "X-Registry-Auth: " + auth + "\r\n") + "\r\n";
    return http.sendRaw(head.getBytes(StandardCharsets.US_ASCII), new byte[0], false);
  }

  @Test
  void a_push_to_a_registry_host_prepares_uploads_and_ends_with_the_digest_and_aux() {
    http.post("/images/sha256:" + committed + "/tag?repo=localhost%3A5000%2Fapp&tag=v1");
    Response r = push("/v1.50/images/localhost:5000/app/push?tag=v1", MOCK_AUTH);
    assertThat(r.status()).isEqualTo(200);
    List<String> lines = lines(r);
    String top = committed.substring(0, 12);
    assertThat(lines.get(0)).isEqualTo("{\"status\":\"The push refers to repository [localhost:5000/app]\"}\r\n");
    assertThat(lines.get(1)).isEqualTo("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"" + BUSYBOX
        + "\"}\r\n");
    assertThat(lines.get(2)).isEqualTo("{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"" + top + "\"}\r\n");
    assertThat(lines.get(3)).isEqualTo("{\"status\":\"Layer already exists\",\"progressDetail\":{},\"id\":\""
        + BUSYBOX + "\"}\r\n");
    assertThat(lines.get(4)).startsWith("{\"status\":\"Pushing\",\"progressDetail\":{\"current\":")
        .endsWith(",\"id\":\"" + top + "\"}\r\n");
    assertThat(lines.get(lines.size() - 3)).isEqualTo("{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"" + top
        + "\"}\r\n");
    Matcher m = Pattern.compile("\\{\"status\":\"v1: digest: (sha256:[0-9a-f]{64}) size: ([0-9]+)\"}\r\n")
        .matcher(lines.get(lines.size() - 2));
    assertThat(m.matches()).as(lines.get(lines.size() - 2)).isTrue();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\""
        + m.group(1) + "\",\"Size\":" + m.group(2) + "}}\r\n");
    assertThat(Engines.of(docker).references().repoDigests(committed)).containsExactly("localhost:5000/app@" + m.group(1));

    // what was pushed pulls back with the same digest
    http.delete("/images/localhost:5000/app:v1");
    Response pull = http.post("/images/create?fromImage=localhost%3A5000%2Fapp&tag=v1");
    assertThat(lines(pull)).startsWith("{\"status\":\"Pulling from app\",\"id\":\"v1\"}\r\n")
        .endsWith("{\"status\":\"Digest: " + m.group(1) + "\"}\r\n",
            "{\"status\":\"Status: Downloaded newer image for localhost:5000/app:v1\"}\r\n");
  }

  @Test
  void a_second_push_finds_every_layer_already_there_and_the_tag_may_come_with_the_name() {
    http.post("/images/sha256:" + committed + "/tag?repo=localhost%3A5000%2Fapp&tag=v1");
    push("/images/localhost:5000/app/push?tag=v1", "e30=");
    Response again = http.post("/images/localhost:5000/app:v1/push", "application/json", "{}");
    assertThat(lines(again)).filteredOn(l -> l.contains("\"status\":\"Pushing\"")).isEmpty();
    assertThat(lines(again)).filteredOn(l -> l.contains("Layer already exists")).hasSize(2);
  }

  @Test
  void an_unknown_local_tag_is_an_in_stream_error_after_the_first_line() {
    Response r = push("/v1.50/images/localhost:5000/busybox/push?tag=v1", MOCK_AUTH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(lines(r)).containsExactly(
        "{\"status\":\"The push refers to repository [localhost:5000/busybox]\"}\r\n",
        "{\"errorDetail\":{\"message\":\"An image does not exist locally with the tag: localhost:5000/busybox\"},"
            + "\"error\":\"An image does not exist locally with the tag: localhost:5000/busybox\"}\r\n");
  }

  @Test
  void the_default_registry_wants_the_namespaces_owner() {
    http.post("/images/sha256:" + committed + "/tag?repo=mock%2Fapp&tag=v1");
    http.post("/images/sha256:" + committed + "/tag?repo=someone%2Fapp&tag=v1");
    Response anonymous = push("/images/mock/app/push?tag=v1", "e30=");
    assertThat(lines(anonymous)).containsExactly(
        "{\"status\":\"The push refers to repository [docker.io/mock/app]\"}\r\n",
        "{\"errorDetail\":{\"message\":\"denied: requested access to the resource is denied\"},"
            + "\"error\":\"denied: requested access to the resource is denied\"}\r\n");
    assertThat(lines(push("/images/someone/app/push?tag=v1", MOCK_AUTH)).get(1)).contains("denied");
    assertThat(lines(push("/images/mock/app/push?tag=v1", MOCK_AUTH))).last().asString().contains("\"aux\"");
    assertThat(docker.registry().tags("mock/app").orElseThrow()).containsEntry("v1", committed);
  }

  @Test
  void wrong_credentials_are_refused_even_by_a_registry_host() {
    http.post("/images/sha256:" + committed + "/tag?repo=localhost%3A5000%2Fapp&tag=v1");
    String bad = Base64.getUrlEncoder().encodeToString("{\"username\":\"mock\",\"password\":\"nope\"}".getBytes(
        StandardCharsets.UTF_8));
    assertThat(lines(push("/images/localhost:5000/app/push?tag=v1", bad)).get(1))
        .contains("denied: requested access to the resource is denied");
  }
}
