package io.mockdocker.internal.http;

import static io.mockdocker.internal.http.ModernSwarmTest.refused;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command the runtime cannot execute refuses the modern start (400, the runtime's text), and the container stays
 * created with 127 or 126 and the error; the era started the process and let it fail.
 */
class ModernStartRefusalTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String CREATE_FAILED = "failed to create task for container: failed to create shim task: OCI runtime "
      + "create failed: runc create failed: unable to start container process: error during container init: ";

  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.all())
      .clock(clock).preload("busybox:latest"));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void connect() {
    docker = daemon.docker();
    http = daemon.http();
  }

  String create(String name, String cmd) {
    return Json.create(http, "/v1.50/containers/create?name=" + name, "{\"Image\":\"busybox\",\"Cmd\":" + cmd + "}");
  }

  @Test
  void a_missing_command_is_refused_and_the_container_stays_created_with_127() throws Exception {
    String id = create("gone", "[\"nosuch\",\"arg\"]");
    String text = CREATE_FAILED + "exec: \"nosuch\": executable file not found in $PATH: unknown";
    refused(http.post("/v1.50/containers/gone/start"), 400, text);
    JsonNode state = tree(http.get("/v1.50/containers/gone/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("created");
    assertThat(state.get("Running").asBoolean()).isFalse();
    assertThat(state.get("ExitCode").asInt()).isEqualTo(127);
    assertThat(state.get("Error").asText()).isEqualTo(text);
    assertThat(state.get("StartedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(tree(http.get("/v1.50/containers/json?all=1")).get(0).get("Status").asText()).isEqualTo("Created");
    refused(http.post("/v1.50/containers/gone/start"), 400, text);
    clock.advance(Duration.ofSeconds(1));
    List<String> actions = new ArrayList<>();
    for (String line : http.get("/v1.50/events?since=0&until=" + clock.now().getEpochSecond()
        + "&filters=%7B%22container%22%3A%7B%22" + id + "%22%3Atrue%7D%7D").text().split("\n")) {
      JsonNode e = Json.MAPPER.readTree(line);
      actions.add(e.get("Type").asText() + " " + e.get("Action").asText());
    }
    assertThat(actions).doesNotContain("container start", "container die").contains("container create");
  }

  @Test
  void a_nul_byte_in_an_argument_is_the_kernels_invalid_argument_a_500_with_128() {
    create("nul", "[\"echo\",\"a\\u0000b\"]");
    String text = CREATE_FAILED + "exec echo: invalid argument: unknown";
    refused(http.post("/v1.50/containers/nul/start"), 500, text);
    JsonNode state = tree(http.get("/v1.50/containers/nul/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("created");
    assertThat(state.get("ExitCode").asInt()).isEqualTo(128);
    assertThat(state.get("Error").asText()).isEqualTo(text);
  }

  @Test
  void a_path_is_looked_up_as_given_missing_127_directory_or_plain_file_126() {
    create("abs", "[\"/usr/bin/nosuch\"]");
    refused(http.post("/v1.50/containers/abs/start"), 400,
        CREATE_FAILED + "exec: \"/usr/bin/nosuch\": stat /usr/bin/nosuch: no such file or directory: unknown");
    assertThat(tree(http.get("/v1.50/containers/abs/json")).at("/State/ExitCode").asInt()).isEqualTo(127);
    create("dir", "[\"/etc\"]");
    refused(http.post("/v1.50/containers/dir/start"), 400,
        CREATE_FAILED + "exec: \"/etc\": is a directory: unknown: permission denied");
    assertThat(tree(http.get("/v1.50/containers/dir/json")).at("/State/ExitCode").asInt()).isEqualTo(126);
    create("plain", "[\"/etc/passwd\"]");
    refused(http.post("/v1.50/containers/plain/start"), 400,
        CREATE_FAILED + "exec: \"/etc/passwd\": permission denied: unknown");
    assertThat(tree(http.get("/v1.50/containers/plain/json")).at("/State/ExitCode").asInt()).isEqualTo(126);
  }

  @Test
  void the_image_path_and_the_shell_programs_start_and_a_script_wins_over_a_missing_file() {
    create("known", "[\"true\"]");
    assertThat(http.post("/v1.50/containers/known/start").status()).isEqualTo(204);
    create("shell", "[\"/bin/sh\",\"-c\",\"exit 3\"]");
    assertThat(http.post("/v1.50/containers/shell/start").status()).isEqualTo(204);
    docker.script(ProcessMatch.command("nosuch"), ProcessScript.builder().stdout("played\n").exit(0).build());
    create("scripted", "[\"nosuch\"]");
    assertThat(http.post("/v1.50/containers/scripted/start").status()).isEqualTo(204);
    assertThat(tree(http.post("/v1.50/containers/scripted/wait")).get("StatusCode").asInt()).isZero();
  }

  @Test
  void a_restart_is_refused_the_same_way_inside_the_restart_error() {
    create("again", "[\"nosuch\"]");
    refused(http.post("/v1.50/containers/again/restart"), 500, "Cannot restart container again: " + CREATE_FAILED
        + "exec: \"nosuch\": executable file not found in $PATH: unknown");
    JsonNode state = tree(http.get("/v1.50/containers/again/json")).get("State");
    assertThat(state.get("Status").asText()).isEqualTo("created");
    assertThat(state.get("ExitCode").asInt()).isEqualTo(127);
  }

  @Test
  void an_auto_removed_container_is_gone_after_the_refusal() {
    Json.create(http, "/v1.50/containers/create?name=rm",
        "{\"Image\":\"busybox\",\"Cmd\":[\"nosuch\"],\"HostConfig\":{\"AutoRemove\":true}}");
    refused(http.post("/v1.50/containers/rm/start"), 400,
        CREATE_FAILED + "exec: \"nosuch\": executable file not found in $PATH: unknown");
    assertThat(http.get("/v1.50/containers/rm/json").status()).isEqualTo(404);
  }

  @Test
  void the_era_still_starts_the_process_and_lets_it_fail() {
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"nosuch\"]}");
    Response start = http.post("/v1.2/containers/" + id + "/start");
    assertThat(start.status()).isBetween(200, 204);
    assertThat(tree(http.post("/v1.2/containers/" + id + "/wait")).get("StatusCode").asInt()).isEqualTo(127);
  }
}
