package io.mockdocker;

import io.mockdocker.testing.ApiSurface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed record of mock-daemon's public API ({@code mock-daemon/api/mock-daemon.api}) matches the code. */
class ApiRecordTest {
  @Test
  void the_public_api_is_the_one_recorded() throws Exception {
    ApiSurface.check(MockDocker.class, Path.of("").toAbsolutePath(), "mock-daemon.api");
  }
}
