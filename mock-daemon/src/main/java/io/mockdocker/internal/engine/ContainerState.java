package io.mockdocker.internal.engine;

import java.time.OffsetDateTime;

/**
 * A container's State: whether it runs, its fake PID, the exit code of its last run, when it last started
 * ({@code null} before the first start, printed as Go's zero time), the ghost flag, and when its last run ended
 * ({@code null} before the first exit; the era never showed it), and whether the run is paused or the container
 * waits for its restart policy's restart (modern only; not running meanwhile), and the error of the last start the
 * runtime refused (modern only; empty otherwise).
 */
public record ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost,
    OffsetDateTime finishedAt, boolean paused, boolean restarting, String error) {
  static final ContainerState CREATED = new ContainerState(false, 0, 0, null, false);

  public ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost) {
    this(running, pid, exitCode, startedAt, ghost, null);
  }

  public ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost,
      OffsetDateTime finishedAt) {
    this(running, pid, exitCode, startedAt, ghost, finishedAt, false, false);
  }

  public ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost,
      OffsetDateTime finishedAt, boolean paused, boolean restarting) {
    this(running, pid, exitCode, startedAt, ghost, finishedAt, paused, restarting, "");
  }

  /** This state after a start the runtime refused: not running, with the daemon's exit code and error. */
  ContainerState refused(int code, String text) {
    return new ContainerState(false, 0, code, startedAt, ghost, finishedAt, false, false, text);
  }

  /** This state with the paused flag set or cleared. */
  ContainerState withPaused(boolean value) {
    return new ContainerState(running, pid, exitCode, startedAt, ghost, finishedAt, value, restarting, error);
  }

  /** This state with the restarting flag set or cleared. */
  ContainerState withRestarting(boolean value) {
    return new ContainerState(running, pid, exitCode, startedAt, ghost, finishedAt, paused, value, error);
  }

  /**
   * The modern state word: {@code created}, {@code running}, {@code paused}, {@code restarting} (exited, its restart
   * policy's back-off under way; the daemon counts it as running) or {@code exited}.
   */
  public String status() {
    if (running) {
      return paused ? "paused" : "running";
    }
    if (restarting) {
      return "restarting";
    }
    return startedAt == null ? "created" : "exited";
  }
}
