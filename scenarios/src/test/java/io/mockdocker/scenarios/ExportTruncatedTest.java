package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.Http;
import io.mockdocker.testing.Json;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

/** Scenario {@code export-truncated}: exports stop after 10240 bytes of tar and the connection closes. */
@MockDockerTest(scenarios = "export-truncated")
class ExportTruncatedTest {

  @Test
  void the_export_stops_after_10240_bytes_without_the_closing_chunk(MockDockerRuntimeInfo info) throws Exception {
    Http http = new Http(info.uri());
    String id = Json.create(http, "/v1.2/containers/create", "{\"Image\":\"base\",\"Cmd\":[\"true\"]}");
    http.post("/v1.2/containers/" + id + "/start");
    http.post("/v1.2/containers/" + id + "/wait");
    RawHttp.Received export = new RawHttp(info.uri()).receive("GET", "/v1.2/containers/" + id + "/export");
    String text = export.text();
    assertThat(text).startsWith("HTTP/1.1 200 OK\r\n").doesNotEndWith("0\r\n\r\n");
    assertThat(dechunk(text.substring(text.indexOf("\r\n\r\n") + 4))).isEqualTo(10240);
  }

  /** The number of body bytes in the complete chunks of a chunked body. */
  static int dechunk(String body) {
    int total = 0;
    int pos = 0;
    while (true) {
      int eol = body.indexOf("\r\n", pos);
      if (eol < 0) {
        return total;
      }
      int size = Integer.parseInt(body.substring(pos, eol).trim(), 16);
      if (size == 0 || eol + 2 + size > body.length()) {
        return total;
      }
      total += size;
      pos = eol + 2 + size + 2;
    }
  }
}
