package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Process control of a container: pause and unpause (the state's flag, the events, and a {@link PauseGate} that
 * freezes the simulated process), rename, the process table {@code top} shows, the resource readings {@code stats}
 * sends, and {@code update} of the resource limits and restart policy. Obtained from {@link Engine#control()}.
 */
public final class ContainerControl {
  /** The smallest memory limit the daemon accepts (6 MiB). */
  static final long MIN_MEMORY = 6 * 1024 * 1024;

  private final ContainerStore store;
  private final Events events;
  private final HealthChecks health;
  private final Execs execs;
  private final Clock clock;
  private final Set<Capability> capabilities;
  private final StatsMeter meter;

  ContainerControl(ContainerStore store, Events events, HealthChecks health, Execs execs, ProcessScripts scripts,
      Clock clock, Set<Capability> capabilities) {
    this.store = store;
    this.events = events;
    this.health = health;
    this.execs = execs;
    this.clock = clock;
    this.capabilities = capabilities;
    this.meter = new StatsMeter(execs, scripts, clock);
  }

  /** What {@code top} shows: the column titles and one row per process. */
  public record Top(List<String> titles, List<List<String>> processes) {}

  /** What an update asks for: limits to change (zero: unchanged) and a restart policy ({@code null}: unchanged). */
  public record Update(Resources resources, String restartPolicy, int maxRetries) {}

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
      health.update(c); // no checks while paused
      if (c.listeners != null) {
        c.listeners.paused(true);
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
    }
    thaw(c, events, health);
  }

  /**
   * Thaws {@code c} if it is paused, with the unpause event: after an unpause, or after a stop or kill signalled a
   * paused container (the daemon resumes it so that the signal lands).
   */
  static void thaw(LiveContainer c, Events events, HealthChecks health) {
    synchronized (c) {
      if (!c.state.running() || !c.state.paused()) {
        return;
      }
      c.state = c.state.withPaused(false);
      if (c.run != null && c.run.gate != null) {
        c.run.gate.unpause();
      }
      health.update(c);
      if (c.listeners != null) {
        c.listeners.paused(false);
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
    return top(name, "");
  }

  /**
   * The process table of a running container as {@code ps psArgs} printed it ({@code ""}: {@code -ef}): the
   * container's process, child of its runtime shim, and its running execs, children of the same shim; 409 when it
   * is not running.
   */
  public Top top(String name, String psArgs) {
    ProcessTable.validate(psArgs);
    LiveContainer c = store.get(name);
    ContainerState s;
    SimProcess main;
    synchronized (c) {
      c.requirePresent();
      s = c.state;
      if (s.running()) {
        List<String> argv = new ArrayList<>();
        argv.add(c.path);
        argv.addAll(c.args);
        main = new SimProcess(s.pid(), c.run == null ? 0 : c.run.shimPid, argv, s.startedAt().toInstant(),
            c.config.tty(), c.config.user());
      } else {
        main = null;
      }
    }
    if (main == null) {
      throw new DockerException("container " + c.id + " is not running");
    }
    Instant now = clock.now();
    StatsSample sample = meter.read(c, now);
    List<SimProcess> children = execs.running(c);
    List<ProcessTable.Row> rows = new ArrayList<>();
    long execKib = 512;
    long mainKib = Math.max(execKib, sample.memoryUsage() / 1024 - execKib * children.size());
    rows.add(new ProcessTable.Row(main, Duration.ofNanos(sample.cpuTotal()), mainKib, now, meter.hostMemory()));
    for (SimProcess p : children) {
      rows.add(new ProcessTable.Row(p.withParent(main.ppid()), Duration.ZERO, execKib, now, meter.hostMemory()));
    }
    rows.sort(Comparator.comparingInt(r -> r.process().pid()));
    Top top = ProcessTable.format(psArgs, rows);
    events.emit("container", "top", c.id, c.eventAttributes());
    return top;
  }

  /** The resource reading of a container at {@code at} on the engine clock (empty when it does not run). */
  public StatsSample stats(String name, Instant at) {
    return meter.read(store.get(name), at);
  }

  /**
   * The daemon's checks of an update's values, before it looks at the container (a 400 when one fails): the restart
   * policy's name and retry count, then the limits. Returns the warnings and the limits as they will apply (a limit
   * the host cannot enforce is dropped with a warning).
   */
  public Update verify(Update update, List<String> warnings) {
    if (update.restartPolicy() != null) {
      verifyRestartPolicy(update.restartPolicy(), update.maxRetries());
    }
    Resources r = update.resources();
    if (r.memory() != 0 && r.memory() < MIN_MEMORY) {
      throw new DockerException("Minimum memory limit allowed is 6MB");
    }
    if (r.memory() > 0 && !capabilities.contains(Capability.MEMORY_LIMIT)) {
      warnings.add("Your kernel does not support memory limit capabilities or the cgroup is not mounted."
          + " Limitation discarded.");
      r = r.withMemory(0, -1);
    }
    if (r.memory() > 0 && r.memorySwap() != -1 && !capabilities.contains(Capability.SWAP_LIMIT)) {
      warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted."
          + " Memory limited without swap.");
      r = r.withMemory(r.memory(), -1);
    }
    if (r.memory() > 0 && r.memorySwap() > 0 && r.memorySwap() < r.memory()) {
      throw new DockerException("Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (r.memoryReservation() > 0 && r.memoryReservation() < MIN_MEMORY) {
      throw new DockerException("Minimum memory reservation allowed is 6MB");
    }
    if (r.memory() > 0 && r.memoryReservation() > 0 && r.memory() < r.memoryReservation()) {
      throw new DockerException("Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if (r.nanoCpus() > 0 && r.cpuPeriod() > 0) {
      throw new DockerException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (r.nanoCpus() > 0 && r.cpuQuota() > 0) {
      throw new DockerException("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    if (r.nanoCpus() < 0 || r.nanoCpus() > cpus * 1_000_000_000L) {
      throw new DockerException("range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus
          + " CPUs available");
    }
    if (r.cpuPeriod() != 0 && (r.cpuPeriod() < 1000 || r.cpuPeriod() > 1_000_000)) {
      throw new DockerException("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (r.cpuQuota() > 0 && r.cpuQuota() < 1000) {
      throw new DockerException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (r.blkioWeight() > 0 && (r.blkioWeight() < 10 || r.blkioWeight() > 1000)) {
      throw new DockerException("Range of blkio weight is from 10 to 1000");
    }
    return new Update(r, update.restartPolicy(), update.maxRetries());
  }

  private static void verifyRestartPolicy(String name, int maxRetries) {
    switch (name) {
      case "always", "unless-stopped", "no" -> {
        if (maxRetries != 0) {
          throw new DockerException("invalid restart policy: maximum retry count can only be used with 'on-failure'"
              + (maxRetries < 0 ? " and cannot be negative" : ""));
        }
      }
      case "on-failure" -> {
        if (maxRetries < 0) {
          throw new DockerException("invalid restart policy: maximum retry count cannot be negative");
        }
      }
      case "" -> { }
      default -> throw new DockerException("invalid restart policy: unknown policy '" + name
          + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  /**
   * Applies a verified update: the new limits and restart policy replace the host configuration's (a running
   * container's reading follows at once), then the update event. A conflict with what is set is
   * {@code Cannot update container <id>: …}.
   */
  public void update(String name, Update update) {
    LiveContainer c = store.get(name);
    synchronized (c) {
      c.requirePresent();
      HostConfig host = c.hostConfig;
      Resources resources;
      try {
        resources = host.resources().updatedWith(update.resources());
        String policy = update.restartPolicy();
        if (policy != null && !policy.isEmpty() && host.autoRemove() && !policy.equals("no")) {
          throw new DockerException("Restart policy cannot be updated because AutoRemove is enabled for the"
              + " container");
        }
      } catch (DockerException e) {
        throw new DockerException("Cannot update container " + c.id + ": " + e.getMessage());
      }
      host = host.withResources(resources);
      if (update.restartPolicy() != null && !update.restartPolicy().isEmpty()) {
        host = host.withRestartPolicy(update.restartPolicy(), update.maxRetries());
      }
      c.hostConfig = host;
    }
    events.emit("container", "update", c.id, c.eventAttributes());
  }
}
