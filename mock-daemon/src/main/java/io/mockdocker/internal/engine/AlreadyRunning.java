package io.mockdocker.internal.engine;

/**
 * A start of a container that is running by the time the runtime holds it: another start won the race. The text is
 * the era daemon's; the modern view answers it as dockerd did, with {@code 304 Not Modified}.
 */
public final class AlreadyRunning extends DockerException {
  private static final long serialVersionUID = 1L;

  AlreadyRunning(String id) {
    super("The container " + id + " is already running.");
  }
}
