package io.mockdocker.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.junit.MockDockerTest;
import io.mockdocker.testing.RawHttp;
import org.junit.jupiter.api.Test;

/** Scenario {@code malformed-pull-chunk}: a broken chunk follows the third message of a pull. */
@MockDockerTest(scenarios = "malformed-pull-chunk")
class MalformedPullChunkTest {

  @Test
  void three_well_formed_chunks_then_a_chunk_size_that_is_not_hex(MockDockerRuntimeInfo info) throws Exception {
    RawHttp.Received pull = new RawHttp(info.uri()).receive("POST", "/v1.2/images/create?fromImage=busybox");
    String text = pull.text();
    String body = text.substring(text.indexOf("\r\n\r\n") + 4);
    String[] parts = body.split("\r\n", -1);
    assertThat(parts[1]).startsWith("{\"status\":\"Pulling repository busybox");
    assertThat(parts[3]).startsWith("{\"status\":\"Pulling image ");
    assertThat(parts[5]).startsWith("{\"status\":\"Pulling ").endsWith(" metadata\"}");
    assertThat(parts[6]).isEqualTo("zz");
    assertThat(parts[7]).isEqualTo("malformed chunk");
  }
}
