package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API under /_mock/: reset, journal, scenarios; not recorded in the journal itself. */
class AdminApiTest {
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.enableAdminApi());
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  @Test
  void the_index_lists_the_admin_routes() {
    Response r = http.get("/_mock");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text()).contains("\"POST /_mock/reset\"", "\"GET /_mock/journal\"", "\"POST /_mock/scenarios/{name}\"");
  }

  @Test
  void the_journal_lists_docker_requests_but_not_admin_ones() {
    http.get("/v1.2/version");
    http.get("/nope");
    Response r = http.get("/_mock/journal");
    assertThat(r.text()).startsWith("[{\"method\":\"GET\",\"path\":\"/v1.2/version\",\"version\":\"1.2\"")
        .contains("\"path\":\"/nope\"").contains("\"unmatched\":true").doesNotContain("_mock");
  }

  @Test
  void reset_forgets_tags_and_the_journal() {
    http.post("/v1.2/images/base/tag?repo=extra");
    assertThat(Engines.of(docker).findImage("extra")).isPresent();
    assertThat(http.post("/_mock/reset").status()).isEqualTo(204);
    assertThat(Engines.of(docker).findImage("extra")).isEmpty();
    assertThat(Engines.of(docker).findImage("base")).isPresent();
    assertThat(http.get("/_mock/journal").text()).isEqualTo("[]");
  }

  @Test
  void a_shipped_scenario_loads_by_name_and_changes_what_containers_do() {
    assertThat(http.get("/_mock/scenarios").text()).contains("\"name\":\"container-ignores-stop\"");
    Response loaded = http.post("/_mock/scenarios/container-ignores-stop");
    assertThat(loaded.text()).isEqualTo("{\"loaded\":\"container-ignores-stop\"}");
    http.post("/v1.2/images/create?fromImage=busybox");
    Response created = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"busybox\",\"Cmd\":[\"x\"]}");
    String id = created.text().substring(7, 19);
    http.post("/v1.2/containers/" + id + "/start");
    http.post("/v1.2/containers/" + id + "/stop?t=0");
    assertThat(http.post("/v1.2/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":137}");
  }

  @Test
  void a_scenario_given_as_json_loads_and_bad_ones_are_400() {
    Response ok = http.post("/_mock/scenarios", "application/json",
        "{\"name\":\"mine\",\"processes\":[{\"match\":{\"command\":[\"hello\"]},\"steps\":[{\"stdout\":\"hi\\n\"}]}]}");
    assertThat(ok.text()).isEqualTo("{\"loaded\":\"mine\"}");
    Response created = http.post("/v1.2/containers/create", "application/json",
        "{\"Image\":\"base\",\"Cmd\":[\"hello\"]}");
    String id = created.text().substring(7, 19);
    assertThat(http.post("/v1.2/containers/" + id + "/start").status()).isEqualTo(204);
    assertThat(http.post("/v1.2/containers/" + id + "/wait").text()).isEqualTo("{\"StatusCode\":0}");
    assertThat(http.post("/v1.2/containers/" + id + "/attach?logs=1&stdout=1").text()).isEqualTo("hi\n");
    Response unknown = http.post("/_mock/scenarios/no-such-thing");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.text()).startsWith("no scenario named no-such-thing; known: [");
    Response broken = http.post("/_mock/scenarios", "application/json", "{");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(http.get("/_mock/nothing").status()).isEqualTo(404);
  }

  @Test
  void faults_are_listed_with_their_counts_and_can_be_cleared() {
    docker.on("GET", "/version").error(500, "boom");
    assertThat(http.get("/v1.2/version").status()).isEqualTo(500);
    Response faults = http.get("/_mock/faults");
    assertThat(faults.text()).startsWith("[{\"fault\":\"").endsWith(",\"fired\":1}]");
    assertThat(http.send("DELETE", "/_mock/faults", null, new byte[0]).status()).isEqualTo(204);
    assertThat(http.get("/_mock/faults").text()).isEqualTo("[]");
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  @Test
  void a_virtual_clock_is_advanced_through_the_admin_api() {
    io.mockdocker.VirtualClock clock =
        io.mockdocker.VirtualClock.at(java.time.Instant.parse("2013-06-20T12:00:00Z"));
    try (MockDocker virtual = MockDocker.builder().clock(clock).enableAdminApi().start()) {
      RawHttp admin = new RawHttp(virtual.uri());
      assertThat(admin.get("/_mock/clock").text()).isEqualTo("{\"now\":\"2013-06-20T12:00:00Z\",\"virtual\":true}");
      assertThat(admin.post("/_mock/clock/advance?by=PT10M").text()).isEqualTo("{\"now\":\"2013-06-20T12:10:00Z\"}");
      assertThat(admin.post("/_mock/clock/advance?by=ten").status()).isEqualTo(400);
    }
    assertThat(http.post("/_mock/clock/advance?by=PT1M").text())
        .isEqualTo("the daemon runs on real time; start it with a virtual clock\n");
  }

  @Test
  void without_the_admin_api_the_prefix_is_just_a_docker_404() {
    try (MockDocker plain = MockDocker.builder().start()) {
      assertThat(new RawHttp(plain.uri()).get("/_mock").text()).isEqualTo("404 page not found\n");
    }
  }
}
