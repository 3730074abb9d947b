package io.mockdocker.examples;

/** docker-java with no API version: paths without {@code /vX.Y}, which the modern daemon reads as its newest. */
class ModernDockerJavaUnpinnedTest extends ModernDockerJavaContract {
  @Override
  String apiVersion() {
    return null;
  }
}
