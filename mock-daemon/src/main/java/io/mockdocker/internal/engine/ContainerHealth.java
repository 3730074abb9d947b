package io.mockdocker.internal.engine;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's health as inspect shows it ({@code State.Health}): {@code starting}, {@code healthy} or
 * {@code unhealthy}, the failures in a row, and the last {@value #MAX_LOG} results, oldest first.
 */
public record ContainerHealth(String status, int failingStreak, List<Result> log) {
  static final int MAX_LOG = 5;
  static final String STARTING = "starting";
  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";

  /** One run of the check: when it started and ended, its exit code ({@code -1}: it could not finish), output. */
  public record Result(OffsetDateTime start, OffsetDateTime end, int exitCode, String output) {}

  public ContainerHealth {
    log = List.copyOf(log);
  }

  /** {@code health: starting}, or the status as it is: the words the list's {@code Status} shows. */
  public String describe() {
    return status.equals(STARTING) ? "health: starting" : status;
  }

  ContainerHealth withStatus(String value) {
    return new ContainerHealth(value, failingStreak, log);
  }

  /** A new run: starting, no failures, the log kept. */
  ContainerHealth restarted() {
    return new ContainerHealth(STARTING, 0, log);
  }

  /** This health with {@code result} logged (the oldest dropped past {@value #MAX_LOG}) and the new state. */
  ContainerHealth record(Result result, String newStatus, int newStreak) {
    List<Result> entries = new ArrayList<>(log);
    entries.add(result);
    while (entries.size() > MAX_LOG) {
      entries.remove(0);
    }
    return new ContainerHealth(newStatus, newStreak, entries);
  }
}
