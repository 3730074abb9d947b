package io.mockdocker.internal.engine;

/**
 * An error the daemon reports to its client, carrying the daemon's exact message text.
 *
 * <p>The HTTP view maps the message to a status by its prefix, as the real daemon did: {@code No such} is 404,
 * {@code Bad parameter} 400, {@code Conflict} 409, {@code Impossible} 406, anything else 500.
 */
public class DockerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DockerException(String message) {
    super(message, null, false, false);
  }

  public DockerException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
