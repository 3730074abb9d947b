package io.mockdocker.internal.engine;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Process control of a running container: pause and unpause (the state's flag, the events, and a
 * {@link PauseGate} that freezes the simulated process), rename, and the process table {@code top} shows. Obtained
 * from {@link Engine#control()}.
 */
public final class ContainerControl {
  private static final DateTimeFormatter STIME = DateTimeFormatter.ofPattern("HH:mm");

  private final ContainerStore store;
  private final Events events;

  ContainerControl(ContainerStore store, Events events) {
    this.store = store;
    this.events = events;
  }

  /** What {@code top} shows: the column titles and one row per process. */
  public record Top(List<String> titles, List<List<String>> processes) {}

  /** Pauses a running container: 409 when it is not running or already paused. */
  public void pause(String name) {
    LiveContainer c = store.get(name);
    synchronized (c) {
      c.requirePresent();
      if (c.state.restarting()) {
        throw new DockerException("Container " + c.id + " is restarting, wait until the container is running");
      }
      if (!c.state.running()) {
        throw new DockerException("container " + c.id + " is not running");
      }
      if (c.state.paused()) {
        throw new DockerException("Container " + c.id + " is already paused");
      }
      c.state = c.state.withPaused(true);
      if (c.run != null && c.run.gate != null) {
        c.run.gate.pause();
      }
    }
    events.emit("container", "pause", c.id, c.eventAttributes());
  }

  /** Unpauses a paused container; one that is not paused is the daemon's plain (500) error. */
  public void unpause(String name) {
    LiveContainer c = store.get(name);
    synchronized (c) {
      c.requirePresent();
      if (!c.state.running() || !c.state.paused()) {
        throw new DockerException("Container " + c.id + " is not paused");
      }
      c.state = c.state.withPaused(false);
      if (c.run != null && c.run.gate != null) {
        c.run.gate.unpause();
      }
    }
    events.emit("container", "unpause", c.id, c.eventAttributes());
  }

  /** Renames a container ({@code newName} with or without its {@code /}), with the daemon's checks and event. */
  public void rename(String name, String newName) {
    if (name.isEmpty() || newName.isEmpty()) {
      throw new DockerException("Neither old nor new names may be empty");
    }
    LiveContainer c = store.get(name);
    String bare = newName.startsWith("/") ? newName.substring(1) : newName;
    if (bare.equals(c.name)) {
      throw new DockerException("Renaming a container with the same name as its current name");
    }
    if (!bare.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
      throw new DockerException("Error when allocating new name: Invalid container name (/" + bare
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    String old = store.rename(c, bare);
    Map<String, String> attributes = new TreeMap<>(c.eventAttributes());
    attributes.put("oldName", "/" + old);
    events.emit("container", "rename", c.id, attributes);
  }

  /** The process table of a running container as {@code ps -ef} printed it; 409 when it is not running. */
  public Top top(String name) {
    LiveContainer c = store.get(name);
    ContainerState s;
    String command;
    synchronized (c) {
      c.requirePresent();
      s = c.state;
      command = c.snapshot().command().strip();
    }
    if (!s.running()) {
      throw new DockerException("container " + c.id + " is not running");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("root", String.valueOf(s.pid()), "0", "0",
        s.startedAt().withOffsetSameInstant(ZoneOffset.UTC).format(STIME), "?", "00:00:00", command));
    events.emit("container", "top", c.id, c.eventAttributes());
    return new Top(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), List.copyOf(rows));
  }

  private String cpuTime(ContainerState s) {
    return "00:00:00";
  }
}
