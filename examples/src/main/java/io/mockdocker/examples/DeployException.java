package io.mockdocker.examples;

/** A deployment step failed: the daemon answered an error, a pull reported one in its stream, or it was unreachable. */
public class DeployException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
