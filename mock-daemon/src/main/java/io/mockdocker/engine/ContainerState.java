package io.mockdocker.engine;

import java.time.OffsetDateTime;

/**
 * A container's State: whether it runs, its fake PID, the exit code of its last run, when it last started
 * ({@code null} before the first start, printed as Go's zero time), and the ghost flag.
 */
public record ContainerState(boolean running, int pid, int exitCode, OffsetDateTime startedAt, boolean ghost) {
  static final ContainerState CREATED = new ContainerState(false, 0, 0, null, false);
}
