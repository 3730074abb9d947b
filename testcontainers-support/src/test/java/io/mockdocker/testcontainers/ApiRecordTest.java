package io.mockdocker.testcontainers;

import io.mockdocker.testing.ApiSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed record of the module's public API ({@code testcontainers-support/api/testcontainers-support.api}). */
class ApiRecordTest {
  @Test
  void the_public_api_is_the_one_recorded() throws Exception {
    ApiSurface.check(MockDockerTestcontainers.class, Path.of("").toAbsolutePath(), "testcontainers-support.api");
  }
}
