package io.mockdocker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.RecordedRequest;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which requests faults choose, over HTTP, and what the journal says of them. */
class FaultMatchingTest {
  static final Instant T0 = Instant.parse("2013-07-01T00:00:00Z");

  VirtualClock clock = VirtualClock.at(T0);
  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).clock(clock));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  List<Integer> statuses(int calls, String path) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      out.add(http.get(path).status());
    }
    return out;
  }

  @Test
  void nth_fails_only_the_second_call() {
    FaultHandle h = docker.on("GET", "/version").nth(2).error(500, "boom");
    assertThat(statuses(4, "/version")).containsExactly(200, 500, 200, 200);
    assertThat(h.fired()).isEqualTo(1);
  }

  @Test
  void every_nth_fails_every_third_call() {
    docker.on("GET", "/version").everyNth(3).error(500, "boom");
    assertThat(statuses(6, "/version")).containsExactly(200, 200, 500, 200, 200, 500);
  }

  @Test
  void a_seeded_probability_repeats_the_same_choices() {
    docker.on("GET", "/version").probability(0.5, 42).error(500, "boom");
    List<Integer> first = statuses(20, "/version");
    docker.reset();
    docker.on("GET", "/version").probability(0.5, 42).error(500, "boom");
    assertThat(statuses(20, "/version")).isEqualTo(first).contains(200, 500);
  }

  @Test
  void a_version_condition_leaves_other_versions_alone() {
    docker.on("GET", "/version").version("1.1").error(500, "boom");
    assertThat(http.get("/v1.1/version").status()).isEqualTo(500);
    assertThat(http.get("/v1.2/version").status()).isEqualTo(200);
  }

  @Test
  void a_name_condition_reads_the_path_and_the_from_image_query() {
    docker.on("*", "/images/**").name("busybox").error("No such image: busybox");
    assertThat(http.get("/v1.2/images/busybox/json").status()).isEqualTo(404);
    assertThat(http.get("/v1.2/images/base/json").status()).isEqualTo(404); // no fixtures: the daemon's own 404
    assertThat(http.get("/v1.2/images/base/json").text()).isEqualTo("No such image: base\n");
    assertThat(http.post("/v1.2/images/create?fromImage=busybox").text()).isEqualTo("No such image: busybox\n");
    assertThat(docker.faults().active().get(0).fired()).isEqualTo(2);
  }

  @Test
  void a_window_on_the_daemon_clock_opens_and_closes() {
    docker.on("GET", "/version").between(T0.plusSeconds(10), T0.plusSeconds(20)).error(500, "boom");
    assertThat(http.get("/version").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get("/version").status()).isEqualTo(500);
    clock.advance(Duration.ofSeconds(10));
    assertThat(http.get("/version").status()).isEqualTo(200);
  }

  @Test
  void a_removed_fault_no_longer_fires_and_reset_clears_added_faults() {
    FaultHandle h = docker.on("GET", "/version").error(500, "boom");
    assertThat(http.get("/version").status()).isEqualTo(500);
    assertThat(h.remove()).isTrue();
    assertThat(http.get("/version").status()).isEqualTo(200);
    docker.on("GET", "/version").error(500, "boom");
    docker.reset();
    assertThat(docker.faults().active()).isEmpty();
    assertThat(http.get("/version").status()).isEqualTo(200);
  }

  @Test
  void faults_given_to_the_builder_come_back_after_reset_with_fresh_counts() {
    Fault second = Fault.when(Match.request("GET", "/version").nth(2)).then(Effect.error(500, "boom"));
    try (MockDocker d = MockDocker.builder().fixtures(Fixtures.none()).fault(second).start()) {
      RawHttp h = new RawHttp(d.uri());
      assertThat(List.of(h.get("/version").status(), h.get("/version").status())).containsExactly(200, 500);
      d.reset();
      assertThat(List.of(h.get("/version").status(), h.get("/version").status())).containsExactly(200, 500);
    }
  }

  @Test
  void the_journal_lists_each_fault_that_fired_on_its_request() {
    docker.on("GET", "/version").nth(2).error(500, "boom");
    http.get("/version");
    http.get("/version");
    List<RecordedRequest> seen = docker.journal().requests();
    assertThat(seen.get(0).faults()).isEmpty();
    assertThat(seen.get(1).faults()).containsExactly("error(500, boom, at=head of GET /version #2)");
    assertThat(seen.get(1).status()).isEqualTo(500);
    assertThat(seen.get(1).toString()).endsWith(" GET /version 500 " + seen.get(1).duration().toMillis()
        + "ms [faults: error(500, boom, at=head of GET /version #2)]");
  }

  @Test
  void a_request_reset_before_any_answer_is_in_the_journal_with_status_0() {
    docker.on("GET", "/version").reset();
    new RawHttp(docker.uri()).receive("GET", "/version");
    RecordedRequest r = docker.await().requests(1, "GET", "/version").get(0);
    assertThat(r.status()).isZero();
    assertThat(r.faults()).containsExactly("reset(at=head of GET /version)");
  }
}
