package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed framing on the wire (a length no integer holds, a bad chunk trailer, chunk sizes over the limit or not
 * numbers) gets a short HTTP answer, the connection is closed, nothing is logged with a stack trace, and the daemon
 * keeps serving.
 */
class WireEdgesTest {
  /** What Go's server wrote for an HTTP/1.1 request without a Host header, the connection closed after it. */
  static final String MISSING_HOST = "HTTP/1.1 400 Bad Request: missing required Host header\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
      + "400 Bad Request: missing required Host header";

  MockDocker docker;
  RawHttp http;
  Logged logged;

  @BeforeEach
  void start() {
    logged = Logged.capture();
    docker = MockDocker.builder().fixtures(Fixtures.none()).profile(ApiProfile.all()).maxRequestBodySize(4 << 20)
        .start();
    http = new RawHttp(docker.uri());
  }

  @AfterEach
  void stop() {
    docker.close();
    logged.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST /v1.2/containers/create", "GET /_ping", "GET /v1.50/_ping",
      "POST /v1.50/containers/create"})
  void a_content_length_no_integer_holds_gets_the_400_of_any_unreadable_length(String request) {
    RawHttp.Received huge = http.receive(request + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 366666666666666666666666\r\n\r\n");
    RawHttp.Received twenty = http.receive(request + " HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 36666666666666666666\r\n\r\n");
    RawHttp.Received letters = http.receive(request + " HTTP/1.1\r\nHost: x\r\nContent-Length: 12ab\r\n\r\n");
    for (RawHttp.Received r : new RawHttp.Received[] {huge, twenty, letters}) {
      assertThat(r.failure()).isNull();
      assertThat(r.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("connection: close\r\n")
          .contains("Content-Length: 0\r\n").endsWith("\r\n\r\n");
    }
    assertServing();
  }

  @Test
  void a_malformed_chunk_trailer_is_a_400_in_the_daemon_s_words() {
    RawHttp.Received modern = http.receive("POST /v1.50/containers/create HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nA\u0095b: x\r\n\r\n");
    assertThat(modern.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("connection: close")
        .endsWith("{\"message\":\"malformed MIME header line: A\\ufffdb: x\"}\n"); // as Go's encoder wrote it
    RawHttp.Received era = http.receive("POST /v1.2/containers/create HTTP/1.1\r\nHost: x\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\nA\u0095b: x\r\n\r\n");
    assertThat(era.text()).startsWith("HTTP/1.1 400 Bad Request\r\n")
        .endsWith("\r\n\r\nmalformed MIME header line: A\u00ef\u00bf\u00bdb: x\n"); // U+FFFD in UTF-8
    assertServing();
  }

  @ParameterizedTest
  @ValueSource(strings = {"40000000", "7fffffffffffffff"})
  void a_chunk_over_the_body_limit_gets_the_body_limit_error(String size) {
    RawHttp.Received r = http.receive("POST /v1.2/build HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + size + "\r\nabc");
    assertThat(r.text()).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
        .containsIgnoringCase("connection: close")
        .endsWith("request body too large: more than 4194304 bytes, the daemon's limit\n");
    assertServing();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffffffffffffffffffff", "-1", "1x"})
  void a_chunk_size_that_is_no_number_is_a_400(String size) {
    RawHttp.Received r = http.receive("POST /v1.50/containers/create HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nabc\r\n0\r\n\r\n");
    assertThat(r.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("connection: close")
        .matches("(?s).*\\{\"message\":\"(invalid byte in chunk length|http chunk length too large)\"}\n");
    assertServing();
  }

  @Test
  void well_formed_chunks_with_extensions_and_trailers_still_read_whole() {
    RawHttp.Received r = http.receive("POST /v1.50/volumes/create HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;ext=1\r\n{\"Nam\r\n8\r\ne\":\"v1\"}\r\n0\r\nX-Trailer: yes\r\n\r\n");
    assertThat(r.text()).startsWith("HTTP/1.1 201 Created\r\n").contains("\"Name\":\"v1\"");
    assertServing();
  }

  @Test
  void a_request_pipelined_after_a_chunked_body_is_answered_on_the_same_connection() throws Exception {
    try (java.net.Socket s = http.connect()) {
      s.getOutputStream().write(("POST /v1.50/volumes/create HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "d\r\n{\"Name\":\"v2\"}\r\n0\r\n\r\n"
          + "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      java.io.InputStream in = s.getInputStream();
      assertThat(RawHttp.readHeadAndBody(in)).startsWith("HTTP/1.1 201 Created\r\n").contains("\"Name\":\"v2\"");
      assertThat(RawHttp.readHeadAndBody(in)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("OK");
    }
    assertServing();
  }

  /** Go's server checked the Host header before it read any of the body: a host-less request gets that 400. */
  @ParameterizedTest
  @ValueSource(strings = {"0\r\nA\u0095b: x\r\n\r\n", "40000000\r\nabc", "ffffffffffffffffffff\r\nabc",
      "2\r\n{}\r\n0\r\n\r\n"})
  void a_request_without_a_host_header_gets_go_s_400_whatever_its_chunked_body(String body) {
    for (String path : new String[] {"/v1.2/containers/create", "/v1.50/containers/create", "/_ping"}) {
      RawHttp.Received r = http.receive("POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n" + body);
      assertThat(r.text()).isEqualTo(MISSING_HOST);
    }
    assertServing();
  }

  @Test
  void a_request_without_a_host_header_after_a_good_one_on_the_same_connection_gets_go_s_400() throws Exception {
    try (java.net.Socket s = http.connect()) {
      s.getOutputStream().write(("POST /v1.50/volumes/create HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "d\r\n{\"Name\":\"v3\"}\r\n0\r\n\r\n"
          + "POST /v1.50/volumes/create HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA\u0095b: x\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      java.io.InputStream in = s.getInputStream();
      assertThat(RawHttp.readHeadAndBody(in)).startsWith("HTTP/1.1 201 Created\r\n").contains("\"Name\":\"v3\"");
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(MISSING_HOST);
    }
    assertServing();
  }

  @Test
  void http_1_0_needs_no_host_header() {
    RawHttp.Received r = http.receive("GET /_ping HTTP/1.0\r\n\r\n");
    assertThat(r.text()).startsWith("HTTP/1.0 200 OK\r\n").endsWith("OK");
    assertServing();
  }

  @Test
  void a_host_less_request_with_a_length_no_integer_holds_gets_the_400_of_any_unreadable_length() {
    RawHttp.Received r = http.receive("POST /v1.50/containers/create HTTP/1.1\r\n"
        + "Content-Length: 366666666666666666666666\r\n\r\n");
    assertThat(r.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("connection: close\r\n")
        .contains("Content-Length: 0\r\n").endsWith("\r\n\r\n");
    assertServing();
  }

  /** Two Host headers are refused by the HTTP server before the daemon's checks; a bad chunked body still gets it. */
  @ParameterizedTest
  @ValueSource(strings = {"0\r\nA\u0095b: x\r\n\r\n", "40000000\r\nabc"})
  void a_request_with_two_host_headers_gets_a_400_whatever_its_chunked_body(String body) {
    RawHttp.Received r = http.receive("POST /v1.50/containers/create HTTP/1.1\r\nHost: x\r\nHost: y\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + body);
    assertThat(r.text()).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
    assertServing();
  }

  void assertServing() {
    assertThat(http.get("/_ping").text()).isEqualTo("OK");
    assertThat(logged.records()).isEmpty();
  }
}
