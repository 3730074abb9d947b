package io.mockdocker;

import io.mockdocker.internal.engine.Container;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A container as the daemon holds it, read without HTTP: its ID (64 hex digits), its name (without the leading
 * {@code /}), the image ID it was created from, its command, and its state: whether its process runs, the process's
 * pid, the last exit code, and when it last started and finished ({@code null} before the first start and exit). A
 * copy: it does not follow the container.
 */
public record ContainerInfo(String id, String name, String image, List<String> command, boolean running, int pid,
    int exitCode, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

  public ContainerInfo {
    command = List.copyOf(command);
  }

  /** Whether the container has run and is no longer running (a created, never started container has not exited). */
  public boolean exited() {
    return !running && startedAt != null;
  }

  static ContainerInfo of(Container c) {
    List<String> command = new ArrayList<>();
    command.add(c.path());
    command.addAll(c.args());
    return new ContainerInfo(c.id(), c.name(), c.image(), command, c.state().running(), c.state().pid(),
        c.state().exitCode(), c.state().startedAt(), c.state().finishedAt());
  }
}
