package io.mockdocker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.Engines;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.Fixed;
import io.mockdocker.testing.RawHttp.Response;
import io.mockdocker.testing.RawHttp;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies larger than Undertow's 2 MiB default are the daemon's to judge, not Undertow's. */
class LargeBodyTest {
  @Test
  void a_three_mib_import_is_read_whole() throws Exception {
    String content = "x".repeat(3 << 20);
    try (MockDocker docker = MockDocker.builder().fixtures(Fixtures.none()).start()) {
      Response r = new RawHttp(docker.uri()).post("/v1.2/images/create?fromSrc=-", "application/x-tar",
          Fixed.tar(Map.of("./big", content)));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).matches("\\{\"status\":\"[0-9a-f]{12}\"}");
      String id = Engines.of(docker).inspectImage(r.text().substring(11, 23)).id();
      assertThat(Files.size(Engines.of(docker).layer(id).resolve("big"))).isEqualTo(3 << 20);
    }
  }
}
