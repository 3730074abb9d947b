package io.mockdocker.internal.engine;

/** A network operation the daemon refuses, with the class of error its API answered (not found, conflict, …). */
public final class NetworkRefused extends DockerException {
  private static final long serialVersionUID = 1L;

  /** The daemon's error classes for network refusals. */
  public enum Kind { NOT_FOUND, CONFLICT, FORBIDDEN, INVALID, SYSTEM }

  private final Kind kind;

  NetworkRefused(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
