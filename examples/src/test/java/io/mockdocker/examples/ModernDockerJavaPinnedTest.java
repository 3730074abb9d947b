package io.mockdocker.examples;

/** docker-java pinned to API 1.44: every path is {@code /v1.44/…}. */
class ModernDockerJavaPinnedTest extends ModernDockerJavaContract {
  @Override
  String apiVersion() {
    return "1.44";
  }
}
