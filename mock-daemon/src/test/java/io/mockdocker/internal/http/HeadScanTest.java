package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadScanTest {
  /** The verdict on one whole head. */
  private static byte[] verdict(String head) {
    HeadScan scan = new HeadScan();
    ByteBuffer bytes = ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(scan.feed(bytes, bytes.remaining())).isEqualTo(bytes.remaining());
    return scan.verdict();
  }

  @Test
  void an_http_11_request_without_host_gets_gos_answer_and_one_with_host_goes_to_the_server() {
    assertThat(verdict("GET /_ping HTTP/1.1\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
    assertThat(verdict("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")).isNull();
    assertThat(verdict("GET /_ping HTTP/1.1\r\nhOsT \t: d\r\n\r\n")).isNull();
    assertThat(verdict("GET /_ping HTTP/1.1\r\nX: y\r\n Host: d\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
    assertThat(verdict("GET /_ping HTTP/1.1\r\nHosts: d\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
  }

  @Test
  void only_a_three_part_http_11_request_line_other_than_connect_is_checked() {
    assertThat(verdict("GET /_ping HTTP/1.0\r\n\r\n")).isNull();
    assertThat(verdict("CONNECT d:1 HTTP/1.1\r\n\r\n")).isNull();
    assertThat(verdict("CONNECTS d:1 HTTP/1.1\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
    assertThat(verdict("GET /a b HTTP/1.1\r\n\r\n")).isNull();
    assertThat(verdict("GET  /_ping HTTP/1.1\r\n\r\n")).isNull();
    assertThat(verdict("GET /_ping HTTP/1.1 \r\n\r\n")).isNull();
    assertThat(verdict("GET /_ping HTTP/1.11\r\n\r\n")).isNull();
    assertThat(verdict("GET /_pingHTTP/1.1\r\n\r\n")).isNull();
    assertThat(verdict(" /_ping HTTP/1.1\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
  }

  @Test
  void a_content_length_that_is_not_a_length_is_answered_before_the_host_check() {
    assertThat(verdict("POST /x HTTP/1.1\r\nContent-Length: ten\r\n\r\n")).isEqualTo(ClientInput.BAD_LENGTH);
    assertThat(verdict("POST /x HTTP/1.1\r\n Content-LENGTH : 10\r\n\r\n")).isEqualTo(ClientInput.MISSING_HOST);
  }
}
