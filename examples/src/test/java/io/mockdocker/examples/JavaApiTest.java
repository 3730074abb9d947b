package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.ContainerInfo;
import io.mockdocker.ImageInfo;
import io.mockdocker.MockDocker;
import io.mockdocker.RecordedRequest;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.registry.RemoteImage;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java examples of README.md and docs/containers-and-the-shell.md (excerpts of this file), run and checked. */
class JavaApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void the_java_api_in_one_minute_does_what_its_comments_say() throws Exception {
    String id = "a".repeat(64);
    String parentId = "b".repeat(64);
    try (MockDocker docker = MockDocker.builder()          // 127.0.0.1, a free port, default fixtures
        .fixtures(Fixtures.defaults())                   // or Fixtures.none(), Fixtures.fromJson(path)
        .start()) {
      URI uri = docker.uri();                                // http://127.0.0.1:<port>
      String dockerHost = docker.dockerHost();               // tcp://127.0.0.1:<port>
      // ...
      assertThat(uri).hasToString("http://127.0.0.1:" + docker.port());
      assertThat(dockerHost).isEqualTo("tcp://127.0.0.1:" + docker.port());
      docker.registry().image(RemoteImage.builder(parentId).file("/etc/base", "base\n").build());

      // What the registry holds: images with real files, repositories, accounts, URLs.
      docker.registry()
          .image(RemoteImage.builder(id).parent(parentId).file("/etc/motd", "hi\n").file("/bin/big", 100_000).build())
          .tag("me/app", "latest", id)
          .account("me", "secret", "me@example.com")
          .url("http://example.com/file.txt", "hello".getBytes());
      // ...
      assertThat(post(uri, "/v1.2/images/create?fromImage=me/app", "").statusCode()).isEqualTo(200);
      assertThat(post(uri, "/v1.2/images/me/app/push",
          "{\"username\":\"me\",\"password\":\"secret\",\"email\":\"me@example.com\"}").statusCode()).isEqualTo(200);
      get(uri, "/v1.2/images/base/json");
      get(uri, "/v1.2/images/busybox/json");

      // The daemon's state, without HTTP.
      ImageInfo image = docker.state().image("base").orElseThrow();
      Map<String, Map<String, String>> repositories = docker.state().repositories();
      // ...
      assertThat(image.parent()).isNotEmpty();
      assertThat(docker.state().image("me/app").orElseThrow().parent()).isEqualTo(parentId);
      assertThat(repositories).containsKeys("base", "me/app");

      // What arrived: every request with its version, query, first 200 body bytes, status and duration.
      docker.journal().verify(1, "POST", "/images/create");       // the version prefix and query are ignored
      List<RecordedRequest> pushes = docker.journal().matching("POST", "/images/**/push");  // * within, ** across /
      docker.journal().verifyNoUnmatched();                        // no request got mux's 404 page not found
      // ...
      assertThat(pushes).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/v1.2/images/me/app/push"));
      assertThat(docker.journal().matching("POST", "/images/*/push")).isEmpty();
      get(uri, "/v1.2/no/such/route");
      assertThatThrownBy(() -> docker.journal().verifyNoUnmatched()).isInstanceOf(AssertionError.class);
      post(uri, "/v1.2/images/create?fromImage=busybox", "");
      String containerId = JSON.readTree(post(uri, "/v1.2/containers/create",
          "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1\"]}").body()).get("Id").asText();
      post(uri, "/v1.2/containers/" + containerId + "/start", "");

      // Asynchronous edges, with Awaitility; a timeout fails with what was seen and the journal's tail.
      docker.await().requests(2, "GET", "/images/*/json");
      ImageInfo busybox = docker.await().atMost(Duration.ofSeconds(30)).pulled("busybox");
      ContainerInfo web = docker.await().running(containerId);         // its process runs
      int code = docker.await().exited(containerId);               // it ran and stopped: its exit code
      docker.await().exited(containerId, 0);                       // the same, failing with the code it saw
      // ...
      assertThat(busybox.id()).isEqualTo(docker.state().image("busybox").orElseThrow().id());
      assertThat(web.id()).startsWith(containerId);
      assertThat(code).isZero();
      assertThatThrownBy(() -> docker.await().atMost(Duration.ofMillis(200)).exited(containerId, 3))
          .isInstanceOf(AssertionError.class).hasMessageContaining("0");

      docker.reset();                                              // back to the fixtures, same port, empty journal
      // ...
      assertThat(docker.uri()).isEqualTo(uri);
      assertThat(docker.journal().requests()).isEmpty();
      assertThat(docker.state().repositories()).containsKey("base").doesNotContainKeys("me/app", "busybox");
    }
  }

  @Test
  void scripted_processes_win_over_the_shell_for_their_image_and_command() throws Exception {
    try (MockDocker docker = MockDocker.start()) {
      URI uri = docker.uri();
      post(uri, "/v1.2/images/create?fromImage=mock/webapp", "");
      post(uri, "/v1.2/images/create?fromImage=busybox", "");
      ScriptHandle server = docker.script(ProcessMatch.image("mock/webapp").withCommand("node"),
          ProcessScript.builder().stdout("listening on 8080\n").awaitExit().ignoreSigterm().build());
      // ... the code under test starts the container; later:
      String web = run(uri, "mock/webapp", "[\"node\",\"server.js\"]");
      docker.await().running(web);
      assertThat(server.runs()).isEqualTo(1);
      server.exit(0);                                   // or let stop time out and KILL it
      docker.script(ProcessMatch.command("/bin/sh", "-c", "make"),
          ProcessScript.builder().stdout("building\n").file("/app/built", "ok\n").sleep(Duration.ofSeconds(2)).exit(1).build());
      assertThat(docker.await().exited(web)).isZero();
      assertThat(logs(uri, web)).isEqualTo("listening on 8080\n");

      String make = run(uri, "busybox", "[\"/bin/sh\",\"-c\",\"make\"]");
      assertThat(docker.await().exited(make)).isEqualTo(1);
      assertThat(logs(uri, make)).isEqualTo("building\n");
      assertThat(get(uri, "/v1.2/containers/" + make + "/changes").body()).contains("\"/app/built\"");

      String shell = run(uri, "busybox", "[\"/bin/sh\",\"-c\",\"echo not make\"]");
      assertThat(docker.await().exited(shell)).isZero();
      assertThat(logs(uri, shell)).isEqualTo("not make\n");
    }
  }

  static String run(URI uri, String image, String cmd) throws IOException, InterruptedException {
    JsonNode created = JSON.readTree(post(uri, "/v1.2/containers/create",
        "{\"Image\":\"" + image + "\",\"Cmd\":" + cmd + "}").body());
    String id = created.get("Id").asText();
    assertThat(post(uri, "/v1.2/containers/" + id + "/start", "").statusCode()).isEqualTo(204);
    return id;
  }

  static String logs(URI uri, String id) throws IOException, InterruptedException {
    return post(uri, "/v1.2/containers/" + id + "/attach?logs=1&stdout=1", "").body();
  }

  static HttpResponse<String> get(URI uri, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(URI uri, String path, String json) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
