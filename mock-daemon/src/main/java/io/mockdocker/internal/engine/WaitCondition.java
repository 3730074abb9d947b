package io.mockdocker.internal.engine;

/** What a wait waits for. */
public enum WaitCondition {
  /** The container is not running: at once for a created or exited container. */
  NOT_RUNNING,
  /** The next exit of the container's process, even if it has not started yet. */
  NEXT_EXIT,
  /** The container's removal (by rm or by auto-remove). */
  REMOVED
}
