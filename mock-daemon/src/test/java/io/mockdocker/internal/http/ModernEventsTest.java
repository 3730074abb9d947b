package io.mockdocker.internal.http;

import static io.mockdocker.testing.Json.MAPPER;
import static io.mockdocker.testing.Json.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.ApiProfile;
import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /events: the replayed history, filters, legacy fields and the end of the stream. */
class ModernEventsTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  MockDocker docker;
  RawHttp http;
  VirtualClock clock;

  @BeforeEach
  void start() {
    clock = VirtualClock.at(T0);
    docker = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern()).clock(clock).start();
    docker.preload("busybox:latest");
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
  }

  static List<JsonNode> lines(Response r) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String text = r.text();
    assertThat(text).endsWith("\n");
    for (String line : text.split("\n")) {
      out.add(MAPPER.readTree(line));
    }
    return out;
  }

  @Test
  void since_and_until_in_the_past_replay_the_history_then_end() throws Exception {
    String id = Json.create(http, "/v1.50/containers/create?name=evt", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 2\"],"
        + "\"Labels\":{\"team\":\"a\"}}");
    http.post("/v1.50/containers/evt/start");
    http.post("/v1.50/containers/evt/wait");
    http.delete("/v1.50/containers/evt");
    clock.advance(Duration.ofSeconds(5));
    Response r = http.get("/v1.50/events?since=" + T0.getEpochSecond() + "&until=" + (T0.getEpochSecond() + 1)
        + "&filters=%7B%22type%22%3A%7B%22container%22%3Atrue%7D%7D");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    List<String> actions = new ArrayList<>();
    List<JsonNode> events = lines(r);
    events.forEach(e -> actions.add(e.get("Action").asText()));
    assertThat(actions).containsExactly("create", "start", "die", "destroy");
    assertThat(r.text().split("\n")[0]).isEqualTo("{\"status\":\"create\",\"id\":\"" + id + "\",\"from\":\"busybox\","
        + "\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"" + id + "\",\"Attributes\":{\"image\":"
        + "\"busybox\",\"name\":\"evt\",\"team\":\"a\"}},\"scope\":\"local\",\"time\":1735689600,"
        + "\"timeNano\":1735689600000000000}");
    assertThat(events.get(2).get("Actor").get("Attributes").get("exitCode").asText()).isEqualTo("2");
  }

  @Test
  void since_zero_until_one_is_empty() {
    Json.create(http, "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Response r = http.get("/v1.50/events?since=0&until=1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void filters_pick_by_event_and_container_name() throws Exception {
    Json.create(http, "/v1.50/containers/create?name=one", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    Json.create(http, "/v1.50/containers/create?name=two", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    http.post("/v1.50/containers/two/start");
    http.post("/v1.50/containers/two/wait");
    clock.advance(Duration.ofSeconds(2));
    String until = Long.toString(T0.getEpochSecond() + 1);
    List<JsonNode> creates = lines(http.get("/v1.50/events?since=0&until=" + until
        + "&filters=%7B%22event%22%3A%5B%22create%22%5D%7D"));
    assertThat(creates).hasSize(2);
    List<JsonNode> two = lines(http.get("/v1.50/events?since=0&until=" + until
        + "&filters=%7B%22container%22%3A%7B%22two%22%3Atrue%7D%7D"));
    assertThat(two).extracting(e -> e.get("Action").asText()).containsExactly("create", "start", "die");
  }

  @Test
  void an_until_in_the_future_streams_live_events_until_the_clock_reaches_it() throws Exception {
    String until = Long.toString(T0.getEpochSecond() + 10);
    try (RawHttp.Hijacked h = http.hijack("GET", "/v1.50/events?until=" + until, "Connection: close\r\n", "")) {
      assertThat(h.head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: application/json\r\n");
      Json.create(http, "/v1.50/containers/create?name=live", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
      clock.advance(Duration.ofSeconds(11));
      String body = new String(h.rest(), StandardCharsets.UTF_8);
      assertThat(body).contains("\"Action\":\"create\"").contains("\"name\":\"live\"").endsWith("0\r\n\r\n");
    }
  }

  @Test
  void image_tag_and_exec_events_are_recorded() throws Exception {
    Json.create(http, "/v1.50/containers/create?name=ex", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"100\"]}");
    http.post("/v1.50/containers/ex/start");
    Engines.of(docker).tag("busybox", "mine", "v1");
    String exec = tree(http.post("/v1.50/containers/ex/exec", "application/json",
        "{\"Cmd\":[\"echo\",\"hi\"],\"AttachStdout\":true}")).get("Id").asText();
    http.post("/v1.50/exec/" + exec + "/start", "application/json", "{\"Detach\":true}");
    clock.advance(Duration.ofSeconds(2));
    List<String> seen = new ArrayList<>();
    for (JsonNode e : lines(http.get("/v1.50/events?since=0&until=" + (T0.getEpochSecond() + 1)))) {
      seen.add(e.get("Type").asText() + " " + e.get("Action").asText());
    }
    assertThat(seen).contains("image pull", "image tag", "container exec_create: echo hi",
        "container exec_start: echo hi");
  }
}
