package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.engine.Event;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import io.mockdocker.testing.RawHttp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health checks over the wire: Config.Healthcheck, State.Health, the list's Status and health filter, events. */
class ModernHealthTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon =
      Daemon.with(b -> b.fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    docker.preload("busybox:latest");
    http = daemon.http();
  }

  static String message(String text) {
    return "{\"message\":\"" + text.replace("\"", "\\\"") + "\"}\n";
  }

  static String filters(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  JsonNode state(String name) {
    return tree(http.get("/v1.50/containers/" + name + "/json")).get("State");
  }

  int logged(String name) {
    JsonNode health = state(name).get("Health");
    return health == null ? -1 : health.get("Log").size();
  }

  void awaitLogged(String name, int n) {
    await().atMost(5, TimeUnit.SECONDS).until(() -> logged(name) == n);
  }

  String create(String name, String body) {
    return Json.create(http, "/v1.50/containers/create?name=" + name, body);
  }

  @Test
  void inspect_pins_the_config_and_the_state_from_starting_to_healthy() {
    String id = create("web", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"touch /tmp/ok; sleep 3600\"],"
        + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"test -f /tmp/ok && echo fine\"],\"Interval\":1000000000,"
        + "\"Timeout\":2000000000,\"StartPeriod\":0,\"StartInterval\":500000000,\"Retries\":2}}");
    Response created = http.get("/v1.50/containers/web/json");
    assertThat(created.text()).contains("\"Cmd\":[\"sh\",\"-c\",\"touch /tmp/ok; sleep 3600\"],\"Healthcheck\":{"
        + "\"Test\":[\"CMD-SHELL\",\"test -f /tmp/ok \\u0026\\u0026 echo fine\"],\"Interval\":1000000000,"
        + "\"Timeout\":2000000000,\"StartInterval\":500000000,\"Retries\":2},\"Image\":\"busybox\"");
    JsonNode inspect = tree(created);
    assertThat(List.copyOf(fieldNames(inspect.get("Config")))).containsSubsequence("Cmd", "Healthcheck", "Image");
    assertThat(inspect.get("State").has("Health")).isFalse();

    assertThat(http.post("/v1.50/containers/web/start").status()).isEqualTo(204);
    String text = http.get("/v1.50/containers/web/json").text();
    assertThat(text).contains("\"FinishedAt\":\"0001-01-01T00:00:00Z\",\"Health\":{\"Status\":\"starting\","
        + "\"FailingStreak\":0,\"Log\":[]}}");
    JsonNode row = tree(http.get("/v1.50/containers/json")).get(0);
    assertThat(row.get("Status").asText()).isEqualTo("Up Less than a second (health: starting)");

    clock.advance(Duration.ofSeconds(1));
    awaitLogged("web", 1);
    assertThat(state("web").get("Health").toString()).isEqualTo("{\"Status\":\"healthy\",\"FailingStreak\":0,"
        + "\"Log\":[{\"Start\":\"2025-01-01T00:00:01Z\",\"End\":\"2025-01-01T00:00:01Z\",\"ExitCode\":0,"
        + "\"Output\":\"fine\\n\"}]}");
    clock.advance(Duration.ofSeconds(119));
    row = tree(http.get("/v1.50/containers/json")).get(0);
    assertThat(row.get("Status").asText()).isEqualTo("Up 2 minutes (healthy)");
    assertThat(row.has("Health")).isFalse(); // the summary's Health came with API 1.51

    List<String> actions = Engines.of(docker).events().history().stream().filter(e -> e.actorId().equals(id))
        .map(Event::action).toList();
    assertThat(actions).containsSubsequence("create", "start",
        "exec_create: /bin/sh -c test -f /tmp/ok && echo fine", "exec_start: /bin/sh -c test -f /tmp/ok && echo fine",
        "exec_die", "health_status: healthy");
    Event status = Engines.of(docker).events().history().stream()
        .filter(e -> e.action().equals("health_status: healthy")).findFirst().orElseThrow();
    assertThat(status.attributes()).containsEntry("name", "web").containsEntry("image", "busybox");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void the_list_filter_health_and_its_400() {
    create("checked", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"3600\"],"
        + "\"Healthcheck\":{\"Test\":[\"CMD\",\"false\"],\"Interval\":1000000000,\"Retries\":1}}");
    create("plain", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"3600\"]}");
    http.post("/v1.50/containers/checked/start");
    http.post("/v1.50/containers/plain/start");
    assertThat(names("{\"health\":[\"starting\"]}")).containsExactly("/checked");
    assertThat(names("{\"health\":[\"none\"]}")).containsExactly("/plain");
    clock.advance(Duration.ofSeconds(1));
    awaitLogged("checked", 1);
    assertThat(names("{\"health\":{\"unhealthy\":true}}")).containsExactly("/checked");
    assertThat(names("{\"health\":[\"healthy\",\"none\"]}")).containsExactly("/plain");
    assertThat(tree(http.get("/v1.50/containers/json")).findValuesAsText("Status"))
        .anyMatch(s -> s.matches("Up 1 second \\(unhealthy\\)"));

    Response bad = http.get("/v1.50/containers/json?filters=" + filters("{\"health\":[\"healthy\",\"sick\"]}"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text()).isEqualTo(message("invalid filter 'health=sick': invalid value for health (sick):"
        + " must be one of none, starting, healthy, unhealthy"));
  }

  List<String> names(String filter) {
    return tree(http.get("/v1.50/containers/json?filters=" + filters(filter))).findValues("Names").stream()
        .map(n -> n.get(0).asText()).toList();
  }

  @Test
  void create_refuses_durations_under_a_millisecond_and_negative_retries_and_old_versions_drop_start_interval() {
    Response interval = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000}}");
    assertThat(interval.status()).isEqualTo(400);
    assertThat(interval.text()).isEqualTo(message("Interval in Healthcheck cannot be less than 1ms"));
    Response retries = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Retries\":-1}}");
    assertThat(retries.status()).isEqualTo(400);
    assertThat(retries.text()).isEqualTo(message("Retries in Healthcheck cannot be negative"));
    Response start = http.post("/v1.50/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"Healthcheck\":{\"StartInterval\":5}}");
    assertThat(start.text()).isEqualTo(message("StartInterval in Healthcheck cannot be less than 1ms"));

    Json.create(http, "/v1.43/containers/create?name=old", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],"
        + "\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"StartInterval\":5}}");
    assertThat(tree(http.get("/v1.43/containers/old/json")).get("Config").get("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"CMD\",\"true\"]}");
    Json.create(http, "/v1.50/containers/create?name=none", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"9\"],"
        + "\"Healthcheck\":{\"Test\":[\"NONE\"]}}");
    http.post("/v1.50/containers/none/start");
    assertThat(state("none").has("Health")).isFalse();
    assertThat(tree(http.get("/v1.50/containers/none/json")).get("Config").get("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"NONE\"]}");
  }

  @Test
  void a_built_healthcheck_shows_in_image_inspect_in_both_shapes_and_runs_in_its_containers() {
    String dockerfile = "FROM busybox\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1m --retries=4 "
        + "CMD [\"true\"]\nHEALTHCHECK --interval=2s CMD test -d /\nCMD [\"sleep\", \"3600\"]\n";
    Response build = http.post("/v1.50/build?t=hc%3A1", "application/x-tar",
        Fixed.tar(Map.of("Dockerfile", dockerfile)));
    assertThat(build.status()).isEqualTo(200);
    String out = build.text();
    assertThat(out).contains("{\"stream\":\"Step 2/4 : HEALTHCHECK --interval=5s --timeout=3s --start-period=1m"
        + " --retries=4 CMD [\\\"true\\\"]\\n\"}")
        .contains("{\"stream\":\"Note: overriding previous HEALTHCHECK: [CMD true]\\n\"}")
        .contains("Successfully tagged hc:1");

    assertThat(tree(http.get("/v1.50/images/hc:1/json")).get("Config").get("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -d /\"],\"Interval\":2000000000}");
    assertThat(tree(http.get("/v1.49/images/hc:1/json")).get("Config").get("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -d /\"],\"Interval\":2000000000}");
    String history = http.get("/v1.50/images/hc:1/history").text();
    assertThat(history).contains("HEALTHCHECK \\u0026{[\\\"CMD\\\" \\\"true\\\"] \\\"5s\\\" \\\"3s\\\" \\\"1m0s\\\""
        + " \\\"0s\\\" '\\\\x04'}");

    Json.create(http, "/v1.50/containers/create?name=fromimage", "{\"Image\":\"hc:1\","
        + "\"Healthcheck\":{\"Retries\":7}}");
    assertThat(tree(http.get("/v1.50/containers/fromimage/json")).get("Config").get("Healthcheck").toString())
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -d /\"],\"Interval\":2000000000,\"Retries\":7}");
    http.post("/v1.50/containers/fromimage/start");
    clock.advance(Duration.ofSeconds(2));
    awaitLogged("fromimage", 1);
    assertThat(state("fromimage").get("Health").get("Status").asText()).isEqualTo("healthy");
  }

  @Test
  void a_malformed_healthcheck_fails_the_build_before_its_first_step() {
    Response r = http.post("/v1.50/build", "application/x-tar",
        Fixed.tar(Map.of("Dockerfile", "FROM busybox\nHEALTHCHECK --interval=5 CMD true\n")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text()).isEqualTo(message("dockerfile parse error on line 2: time: missing unit in duration"
        + " \"5\""));
    Response type = http.post("/v1.50/build", "application/x-tar",
        Fixed.tar(Map.of("Dockerfile", "FROM busybox\nHEALTHCHECK RUN true\n")));
    assertThat(type.text()).isEqualTo(message("dockerfile parse error on line 2: Unknown type \"RUN\" in"
        + " HEALTHCHECK (try CMD)"));
    Response none = http.post("/v1.50/build", "application/x-tar",
        Fixed.tar(Map.of("Dockerfile", "FROM busybox\nHEALTHCHECK NONE x\n")));
    assertThat(none.text()).isEqualTo(message("dockerfile parse error on line 2: HEALTHCHECK NONE takes no"
        + " arguments"));
  }
}
