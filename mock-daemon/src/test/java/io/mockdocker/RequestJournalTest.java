package io.mockdocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Daemon;
import io.mockdocker.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestJournalTest {
  static final Instant NOW = Instant.parse("2013-07-01T12:00:01.250Z");

  @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.defaults()).clock(fixedClock()));
  MockDocker docker;
  RawHttp http;

  @BeforeEach
  void start() {
    docker = daemon.docker();
    http = daemon.http();
  }

  static Clock fixedClock() {
    return new Clock() {
      @Override
      public Instant now() {
        return NOW;
      }

      @Override
      public ZoneId zone() {
        return ZoneOffset.UTC;
      }

      @Override
      public void sleep(Duration duration) {}
    };
  }

  /** The request without its duration and headers (checked on their own), to compare as a whole. */
  static RecordedRequest withoutDuration(RecordedRequest r) {
    return request(r.method(), r.path(), r.version(), r.query(), r.body(), r.bodyLength(), r.status(), Duration.ZERO,
        r.completedAt(), r.unmatched());
  }

  static RecordedRequest request(String method, String path, String version, String query, String body,
      long bodyLength, int status, Duration duration, Instant completedAt, boolean unmatched) {
    return new RecordedRequest(method, query.isEmpty() ? path : path + "?" + query, path, version, query, Map.of(),
        body, bodyLength, status, duration, completedAt, unmatched, List.of());
  }

  @Test
  void a_request_is_recorded_with_its_headers() {
    http.get("/v1.2/version");
    RecordedRequest r = docker.journal().requests().get(0);
    assertThat(r.header("host")).isEqualTo("127.0.0.1:" + docker.port());
    assertThat(r.headers()).containsKey("Host");
    assertThat(r.header("X-Not-Sent")).isNull();
  }

  @Test
  void a_versioned_request_is_recorded_with_its_version_query_and_status() {
    http.get("/v1.2/images/json?all=1");
    assertThat(docker.journal().requests()).map(RequestJournalTest::withoutDuration).containsExactly(
        request("GET", "/v1.2/images/json", "1.2", "all=1", "", 0, 200, Duration.ZERO, NOW, false));
  }

  @Test
  void an_unversioned_request_has_an_empty_version_and_query() {
    http.get("/version");
    assertThat(docker.journal().requests()).map(RequestJournalTest::withoutDuration).containsExactly(
        request("GET", "/version", "", "", "", 0, 200, Duration.ZERO, NOW, false));
  }

  @Test
  void a_json_body_is_recorded_whole_when_short() {
    String body = "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}";
    http.post("/v1.2/auth", "application/json", body);
    RecordedRequest auth = docker.journal().requests().get(0);
    assertThat(auth.body()).isEqualTo(body);
    assertThat(auth.bodyLength()).isEqualTo(body.length());
    assertThat(auth.status()).isEqualTo(200);
  }

  @Test
  void a_streamed_body_keeps_its_first_200_bytes_and_its_full_length_and_still_reaches_the_endpoint() {
    byte[] tar = io.mockdocker.testing.Fixed.tar(Map.of("./etc/imported", "x".repeat(300)));
    RawHttp.Response r = http.post("/v1.2/images/create?fromSrc=-&repo=imported", "application/x-tar", tar);
    assertThat(r.status()).isEqualTo(200);
    assertThat(Engines.of(docker).findImage("imported")).isPresent();
    RecordedRequest create = docker.journal().requests().get(0);
    assertThat(create.bodyLength()).isEqualTo(tar.length);
    assertThat(create.body()).isEqualTo(new String(tar, 0, 200, StandardCharsets.UTF_8));
  }

  @Test
  void a_chunked_body_is_counted_after_decoding() {
    String head = "POST /v1.2/auth HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    String json = "{\"username\":\"mock\",\"password\":\"mock\",\"email\":\"mock@example.com\"}";
    String chunked = Integer.toHexString(10) + "\r\n" + json.substring(0, 10) + "\r\n"
        + Integer.toHexString(json.length() - 10) + "\r\n" + json.substring(10) + "\r\n0\r\n\r\n";
    http.sendRaw(head.getBytes(StandardCharsets.ISO_8859_1), chunked.getBytes(StandardCharsets.ISO_8859_1), false);
    RecordedRequest auth = docker.journal().requests().get(0);
    assertThat(auth.body()).isEqualTo(json);
    assertThat(auth.bodyLength()).isEqualTo(json.length());
  }

  @Test
  void a_hijacked_attach_is_recorded_with_the_status_line_its_client_read() {
    String create = http.post("/v1.2/containers/create", "application/json", "{\"Image\":\"base\",\"Cmd\":[\"true\"]}")
        .text();
    String attach = "/v1.2/containers/" + create.substring(7, 19) + "/attach?logs=1&stdout=1";
    assertThat(http.post(attach).statusLine()).isEqualTo("HTTP/1.1 200 OK");
    String upgrade = "POST " + attach + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    assertThat(http.sendRaw(upgrade.getBytes(StandardCharsets.US_ASCII), new byte[0], false).statusLine())
        .isEqualTo("HTTP/1.1 101 UPGRADED");
    assertThat(docker.journal().matching("POST", "/containers/*/attach")).map(RecordedRequest::status)
        .containsExactly(200, 101);
  }

  @Test
  void an_unknown_path_is_unmatched_but_a_refused_version_is_not() {
    http.get("/v1.2/nothing/here");
    http.get("/v1.3/images/json");
    http.get("/v1.2/images/json");
    assertThat(docker.journal().unmatched()).map(RecordedRequest::target).containsExactly("/v1.2/nothing/here");
    assertThat(docker.journal().requests()).map(RecordedRequest::status).containsExactly(404, 404, 200);
  }

  @Test
  void matching_ignores_the_version_prefix_and_the_query() {
    http.get("/v1.0/images/json");
    http.get("/images/json?all=1");
    http.get("/v1.2/version");
    assertThat(docker.journal().matching("GET", "/images/json")).map(RecordedRequest::target)
        .containsExactly("/v1.0/images/json", "/images/json?all=1");
    assertThat(docker.journal().count("POST", "/images/json")).isEqualTo(0);
    assertThat(docker.journal().count("*", "/**")).isEqualTo(3);
  }

  @Test
  void a_single_star_stays_within_a_segment_and_a_double_star_crosses_segments() {
    http.get("/v1.2/images/base/json");
    http.get("/v1.2/images/mock/webapp/json");
    assertThat(docker.journal().matching("GET", "/images/*/json")).map(RecordedRequest::path)
        .containsExactly("/v1.2/images/base/json");
    assertThat(docker.journal().matching("GET", "/images/**/json")).map(RecordedRequest::path)
        .containsExactly("/v1.2/images/base/json", "/v1.2/images/mock/webapp/json");
  }

  @Test
  void verify_passes_on_the_exact_count_and_otherwise_lists_the_journal() {
    http.post("/v1.2/images/create?fromImage=busybox");
    docker.journal().verify(1, "POST", "/images/create");
    assertThatThrownBy(() -> docker.journal().verify(2, "POST", "/images/create"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected 2 × POST /images/create but saw 1\nrequest journal (1 requests)\n"
            + "  12:00:01.250 POST /v1.2/images/create?fromImage=busybox 200 ");
  }

  @Test
  void verify_no_unmatched_names_the_unmatched_request() {
    http.delete("/v1.2/images");
    assertThatThrownBy(() -> docker.journal().verifyNoUnmatched())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected no unmatched requests but saw 1:\n  12:00:01.250 DELETE /v1.2/images 404 ");
  }

  @Test
  void the_journal_keeps_only_the_most_recent_requests_and_says_how_many_it_dropped() {
    try (MockDocker small = MockDocker.builder().fixtures(Fixtures.none()).clock(fixedClock()).journalCapacity(2)
        .start()) {
      RawHttp client = new RawHttp(small.uri());
      client.get("/v1.2/version");
      client.get("/v1.2/info");
      client.get("/v1.2/images/json");
      assertThat(small.journal().requests()).map(RecordedRequest::path)
          .containsExactly("/v1.2/info", "/v1.2/images/json");
      assertThat(small.journal().dump(1).lines().toList()).hasSize(3).startsWith(
          "request journal (2 requests)", "  … 2 earlier requests omitted");
    }
  }

  @Test
  void a_journal_that_grows_past_its_first_room_keeps_every_request_in_order_up_to_its_capacity() {
    RequestJournal journal = new RequestJournal(100);
    for (int i = 0; i < 70; i++) {
      journal.record(numbered(i));
    }
    assertThat(journal.requests()).map(RecordedRequest::path)
        .containsExactlyElementsOf(paths(0, 70));
    journal.update(3, numbered(1003));
    for (int i = 70; i < 130; i++) {
      journal.record(numbered(i));
    }
    assertThat(journal.requests()).map(RecordedRequest::path).containsExactlyElementsOf(paths(30, 130));
    assertThat(journal.dump(100).lines().skip(1).findFirst()).hasValue("  … 30 earlier requests omitted");
    journal.reset();
    for (int i = 130; i < 200; i++) {
      journal.record(numbered(i));
    }
    assertThat(journal.requests()).map(RecordedRequest::path).containsExactlyElementsOf(paths(130, 200));
  }

  @Test
  void an_update_after_the_journal_grew_replaces_the_request_it_named() {
    RequestJournal journal = new RequestJournal(1000);
    long seq = journal.record(numbered(0));
    for (int i = 1; i < 100; i++) {
      journal.record(numbered(i));
    }
    journal.update(seq, numbered(999));
    assertThat(journal.requests().get(0).path()).isEqualTo("/r/999");
    assertThat(journal.requests()).hasSize(100);
  }

  private static RecordedRequest numbered(int i) {
    return request("GET", "/r/" + i, "", "", "", 0, 200, Duration.ZERO, NOW, false);
  }

  private static List<String> paths(int from, int to) {
    return java.util.stream.IntStream.range(from, to).mapToObj(i -> "/r/" + i).toList();
  }

  @Test
  void reset_empties_the_journal() {
    http.get("/v1.2/version");
    docker.journal().reset();
    assertThat(docker.journal().requests()).isEmpty();
    assertThat(docker.journal().dump(10)).isEqualTo("request journal (0 requests)");
  }

  @Test
  void a_pattern_without_a_leading_slash_is_refused() {
    assertThatThrownBy(() -> docker.journal().count("GET", "images/json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a path pattern starts with '/': images/json");
  }

  @Test
  void a_recorded_request_prints_as_one_line() {
    RecordedRequest r = request("POST", "/v1.2/auth", "1.2", "", "{}", 2, 200, Duration.ofMillis(3),
        NOW, false);
    assertThat(r).hasToString("12:00:01.250 POST /v1.2/auth 200 3ms (body 2 bytes)");
    assertThat(List.of(r.unversionedPath(), r.target())).containsExactly("/auth", "/v1.2/auth");
  }
}
