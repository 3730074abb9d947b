package io.mockdocker.internal.http;

/** A modern endpoint's refusal: the status and the message of {@code {"message":…}}. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
