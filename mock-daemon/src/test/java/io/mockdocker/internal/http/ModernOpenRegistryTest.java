package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.testing.Frames;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The opt-in open registry: any reference pulls a made-up image with the mini shell; closed stays the default. */
class ModernOpenRegistryTest {

  static MockDocker.Builder modern() {
    return MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern());
  }

  @Test
  void the_default_registry_is_closed() {
    try (MockDocker docker = modern().start()) {
      RawHttp.Response r = new RawHttp(docker.uri()).post("/v1.50/images/create?fromImage=postgres&tag=16");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text()).contains("pull access denied for postgres, repository does not exist or may require "
          + "'docker login'");
    }
  }

  @Test
  void an_open_registry_pulls_any_reference_and_its_containers_run_the_mini_shell() throws java.io.IOException {
    try (MockDocker docker = modern().openRegistry().start()) {
      RawHttp http = new RawHttp(docker.uri());
      RawHttp.Response pull = http.post("/v1.50/images/create?fromImage=postgres&tag=16");
      assertThat(pull.status()).isEqualTo(200);
      assertThat(pull.text()).contains("Status: Downloaded newer image for postgres:16").doesNotContain("error");
      assertThat(tree(http.get("/v1.50/images/postgres:16/json")).get("Config").get("Cmd").toString())
          .isEqualTo("[\"sleep\",\"2147483647\"]");
      // a second tag of the same repository, and what the fixtures hold, pull as well
      assertThat(http.post("/v1.50/images/create?fromImage=postgres&tag=15").status()).isEqualTo(200);
      assertThat(http.post("/v1.50/images/create?fromImage=busybox&tag=latest").text())
          .contains("Status: Downloaded newer image for busybox:latest");
      assertThat(http.get("/v1.50/images/postgres:15/json").status()).isEqualTo(200);

      String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"postgres:16\"}");
      assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
      assertThat(tree(http.get("/v1.50/containers/" + id + "/json")).get("State").get("Running").asBoolean())
          .isTrue();
      String exec = Json.create(http, "/v1.50/containers/" + id + "/exec",
          "{\"Cmd\":[\"sh\",\"-c\",\"echo hi from sh && cat /etc/hostname\"],\"AttachStdout\":true}");
      try (RawHttp.Hijacked h = http.hijack("POST", "/v1.50/exec/" + exec + "/start",
          "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\n", "{\"Detach\":false}")) {
        assertThat(h.rest())
            .isEqualTo(Frames.concat(Frames.frame(1, "hi from sh\n"), Frames.frame(1, id.substring(0, 12) + "\n")));
      }
    }
  }

  @Test
  void the_same_reference_is_the_same_image_on_every_daemon() {
    String first;
    try (MockDocker docker = modern().openRegistry().start()) {
      docker.preload("redis:7");
      first = tree(new RawHttp(docker.uri()).get("/v1.50/images/redis:7/json")).get("Id").asText();
    }
    try (MockDocker docker = modern().openRegistry().start()) {
      docker.preload("redis:7");
      assertThat(tree(new RawHttp(docker.uri()).get("/v1.50/images/redis:7/json")).get("Id").asText())
          .isEqualTo(first).startsWith("sha256:");
    }
  }

  @Test
  void a_script_keyed_on_the_image_name_gives_it_life() {
    try (MockDocker docker = modern().openRegistry()
        .script(ProcessMatch.image("postgres:16"), ProcessScript.builder()
            .stdout("database system is ready to accept connections\n").awaitExit().build())
        .start()) {
      docker.preload("postgres:16");
      RawHttp http = new RawHttp(docker.uri());
      String id = Json.create(http, "/v1.50/containers/create", "{\"Image\":\"postgres:16\"}");
      assertThat(http.post("/v1.50/containers/" + id + "/start").status()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v1.50/containers/" + id + "/logs?stdout=1")
          .text().contains("database system is ready to accept connections"));
    }
  }

  @Test
  void a_scenario_opens_the_registry_and_refuses_a_value_it_does_not_know() {
    Scenario open = Scenario.fromJson("{\"name\":\"open\",\"registry\":\"open\"}");
    assertThat(open.opensRegistry()).isTrue();
    assertThat(Scenario.fromJson("{\"name\":\"plain\"}").opensRegistry()).isFalse();
    try (MockDocker docker = modern().scenario(open).start()) {
      assertThat(new RawHttp(docker.uri()).post("/v1.50/images/create?fromImage=redis&tag=7").status())
          .isEqualTo(200);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.fromJson("{\"registry\":\"ajar\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("registry is \"open\" or \"closed\": \"ajar\"");
  }
}
