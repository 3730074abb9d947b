package io.mockdocker.internal.engine;

/** A start refused because a published port could not be set up; its text is the modern daemon's, unwrapped. */
public final class PortRefused extends DockerException {
  private static final long serialVersionUID = 1L;

  PortRefused(String message) {
    super(message);
  }
}
