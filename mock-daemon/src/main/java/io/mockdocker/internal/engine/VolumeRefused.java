package io.mockdocker.internal.engine;

/** A volume operation the daemon refuses, with the class of error its API answered (not found, conflict, …). */
public final class VolumeRefused extends DockerException {
  private static final long serialVersionUID = 1L;

  /** The daemon's error classes for volume refusals. */
  public enum Kind { NOT_FOUND, CONFLICT, INVALID }

  private final Kind kind;

  VolumeRefused(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
