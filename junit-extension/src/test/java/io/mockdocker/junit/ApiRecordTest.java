package io.mockdocker.junit;

import io.mockdocker.testing.ApiSurface;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed record of junit-extension's public API ({@code junit-extension/api/junit-extension.api}) matches. */
class ApiRecordTest {
  @Test
  void the_public_api_is_the_one_recorded() throws Exception {
    ApiSurface.check(MockDockerExtension.class, moduleDir(), "junit-extension.api");
  }

  /** junit-extension's own directory, also when junit-compat runs these tests from a directory of its own. */
  static Path moduleDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("junit-extension/api"))) {
        return dir.resolve("junit-extension");
      }
      if (dir.getFileName() != null && dir.getFileName().toString().equals("junit-extension")) {
        return dir;
      }
    }
    throw new IllegalStateException("no junit-extension directory above " + Path.of("").toAbsolutePath());
  }
}
