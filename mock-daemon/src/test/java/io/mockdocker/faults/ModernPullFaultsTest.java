package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Faults and scenarios break a modern pull as they break an era pull: at the same byte, in the modern wording. */
class ModernPullFaultsTest {
  static final String PULL = "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest";

  @Test
  void the_flaky_registry_scenario_resets_every_third_modern_pull_halfway_through_its_first_layer() {
    try (MockDocker docker = MockDocker.builder().scenario(Scenario.named("flaky-registry"))
        .profile(ApiProfile.modern()).start()) {
      RawHttp.Received first = new RawHttp(docker.uri()).receive("POST", "/v1.50/images/create?fromImage=nosuch&tag=latest");
      assertThat(first.head()).startsWith("HTTP/1.1 404 Not Found");
      RawHttp.Received second = new RawHttp(docker.uri()).receive("POST", "/v1.50/images/create?fromImage=nosuch&tag=latest");
      assertThat(second.head()).startsWith("HTTP/1.1 404 Not Found");
      RawHttp.Received third = new RawHttp(docker.uri()).receive("POST", PULL);
      assertThat(third.head()).startsWith("HTTP/1.1 200 OK");
      assertThat(third.body()).startsWith("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}\r\n")
          .contains("{\"status\":\"Pulling fs layer\",\"progressDetail\":{}")
          .doesNotContain("Pull complete").doesNotContain("Status:");
      assertThat(third.reset()).as(String.valueOf(third.failure())).isTrue();
      assertThat(Engines.of(docker).findImage("busybox")).isEmpty();
      // the reset reaches the client before the broken pull has unwound and given back busybox:latest's pull slot
      RawHttp.Received fourth = await("the broken pull to unwind").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> new RawHttp(docker.uri()).receive("POST", PULL), r -> !r.body().contains("already in progress"));
      assertThat(fourth.body()).endsWith("{\"status\":\"Status: Downloaded newer image for busybox:latest\"}\r\n");
    }
  }

  @Test
  void the_disk_full_scenario_ends_a_modern_pull_with_an_error_detail_line() {
    try (MockDocker docker = MockDocker.builder().scenario(Scenario.named("disk-full-during-pull"))
        .profile(ApiProfile.modern()).start()) {
      RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
      assertThat(r.head()).startsWith("HTTP/1.1 200 OK");
      assertThat(r.failure()).isNull();
      String message = "write /var/lib/docker/graph/_tmp/layer.tar: no space left on device";
      assertThat(r.body()).endsWith("{\"errorDetail\":{\"message\":\"" + message + "\"},\"error\":\"" + message
          + "\"}\r\n");
    }
  }

  @Test
  void an_error_fault_at_40_percent_is_the_modern_pulls_error_detail() {
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      docker.on("POST", "/images/create").atProgress(1, 0.4).error("unexpected EOF");
      RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
      assertThat(r.body()).contains("\"status\":\"Downloading\"")
          .endsWith("{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"unexpected EOF\"}\r\n");
    }
  }

  @Test
  void an_error_fault_before_the_head_answers_in_the_modern_form() {
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.all()).start()) {
      docker.on("POST", "/containers/create").error(500, "Cannot create container: disk quota exceeded");
      RawHttp.Received modern = new RawHttp(docker.uri()).receive("POST", "/v1.50/containers/create");
      assertThat(modern.head()).startsWith("HTTP/1.1 500 Internal Server Error").contains("Content-Type: application/json");
      assertThat(modern.body())
          .isEqualTo("{\"message\":\"Cannot create container: disk quota exceeded\"}\n");
      RawHttp.Received era = new RawHttp(docker.uri()).receive("POST", "/v1.2/containers/create");
      assertThat(era.head()).contains("Content-Type: text/plain; charset=utf-8");
      assertThat(era.body()).isEqualTo("Cannot create container: disk quota exceeded\n");
    }
  }

  @Test
  void an_error_fault_after_two_messages_ends_the_modern_stream_after_two_whole_lines() {
    try (MockDocker docker = MockDocker.builder().profile(ApiProfile.modern()).start()) {
      docker.on("POST", "/images/create").afterMessages(2).error("registry went away");
      RawHttp.Received r = new RawHttp(docker.uri()).receive("POST", PULL);
      assertThat(r.head()).startsWith("HTTP/1.1 200 OK");
      String[] lines = r.body().split("\r\n");
      assertThat(lines).hasSize(3);
      assertThat(lines[0]).isEqualTo("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}");
      assertThat(lines[1]).startsWith("{\"status\":\"Pulling fs layer\"");
      assertThat(lines[2])
          .isEqualTo("{\"errorDetail\":{\"message\":\"registry went away\"},\"error\":\"registry went away\"}");
      assertThat(r.body()).endsWith("}\r\n");
    }
  }
}
