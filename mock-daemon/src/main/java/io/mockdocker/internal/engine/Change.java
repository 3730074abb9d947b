package io.mockdocker.internal.engine;

/** One entry of a container's filesystem diff: a path and its kind (0 modified, 1 added, 2 deleted). */
public record Change(String path, Kind kind) {
  public enum Kind {
    MODIFIED, ADDED, DELETED;

    /** The number the API prints. */
    public int code() {
      return ordinal();
    }
  }
}
