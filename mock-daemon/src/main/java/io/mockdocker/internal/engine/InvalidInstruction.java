package io.mockdocker.internal.engine;

/**
 * A Dockerfile line, or a commit or import change, that the builder refuses before running anything: the daemon
 * answers it with status 400 and this message.
 */
public final class InvalidInstruction extends DockerException {
  private static final long serialVersionUID = 1L;

  InvalidInstruction(String message) {
    super(message);
  }
}
