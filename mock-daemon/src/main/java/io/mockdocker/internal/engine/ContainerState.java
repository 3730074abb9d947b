package io.mockdocker.internal.engine;

import java.time.OffsetDateTime;

/**
 * A container's State: whether it runs, its fake PID, the exit code of its last run, when it last started
 * ({@code null} before the first start, printed as Go's zero time), the ghost flag, and when its last run ended
 * ({@code null} before the first exit; the era never showed it).
 */
public record ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost,
    OffsetDateTime finishedAt) {
  static final ContainerState CREATED = new ContainerState(false, 0, 0, null, false);

  public ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost) {
    this(running, pid, exitCode, startedAt, ghost, null);
  }

  /** The modern state word: {@code created}, {@code running} or {@code exited}. */
  public String status() {
    if (running) {
      return "running";
    }
    return startedAt == null ? "created" : "exited";
  }
}
