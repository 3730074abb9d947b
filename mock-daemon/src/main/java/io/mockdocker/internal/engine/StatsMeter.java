package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.script.StatsScript;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads a container's resource usage at an instant of the engine clock, as a pure function of its run so far and its
 * {@link StatsScript} (or the defaults): CPU time grows at the scripted level (capped by the CPU limit, still while
 * paused), memory follows the script under the limit, pids count the process and its running execs, and {@code eth0}
 * shows the few packets a fresh bridge endpoint receives.
 */
final class StatsMeter {
  /** What a fresh endpoint on the bridge has received: router solicitations and the like. */
  private static final long RX_BYTES = 1046;
  private static final long RX_PACKETS = 12;

  private final Execs execs;
  private final ProcessScripts scripts;
  /** The simulated host's boot, a day before the engine started: system CPU time counts from it. */
  private final Instant boot;
  private final int cpus = Runtime.getRuntime().availableProcessors();
  private final long hostMemory = Runtime.getRuntime().maxMemory();

  StatsMeter(Execs execs, ProcessScripts scripts, Clock clock) {
    this.execs = execs;
    this.scripts = scripts;
    this.boot = clock.now().minus(Duration.ofDays(1));
  }

  /** The host's memory as the daemon reports it (info's {@code MemTotal}). */
  long hostMemory() {
    return hostMemory;
  }

  /** The reading of {@code c} at {@code at}; a container that does not run reads empty. */
  StatsSample read(LiveContainer c, Instant at) {
    ContainerState s;
    HostConfig host;
    LiveContainer.Run run;
    boolean network;
    synchronized (c) {
      c.requirePresent();
      s = c.state;
      host = c.hostConfig;
      run = c.run;
      network = !c.network.ipAddress().isEmpty();
    }
    if (!s.running()) {
      return StatsSample.empty(c.id, "/" + c.name);
    }
    StatsScript script = scripts.findStats(c);
    Resources limits = host.resources();
    Instant start = s.startedAt().toInstant();
    long paused = run != null && run.gate != null ? run.gate.pausedNanos(at) : 0;
    long ran = Math.max(0, Duration.between(start, at).toNanos());
    double percent = script.cpuPercent();
    double cpuLimit = limits.cpuLimit();
    if (cpuLimit > 0) {
      percent = Math.min(percent, cpuLimit * 100);
    }
    percent = Math.min(percent, cpus * 100.0);
    // cgroup v2 counts CPU time in microseconds
    long total = (long) (percent / 100 * Math.max(0, ran - paused) / 1000) * 1000;
    long user = total / 10 * 7 / 1000 * 1000;
    // every CPU of the host busy or idle since boot: the measure the CPU share is taken against
    long system = Duration.between(boot, at).toNanos() * cpus;
    long limit = script.memoryLimit() > 0 ? script.memoryLimit()
        : limits.memory() > 0 ? limits.memory() : hostMemory;
    limit = Math.min(limit, hostMemory);
    long usage = Math.min(script.memoryUsage(Duration.ofNanos(ran)), limit);
    long pids = 1 + execs.running(c).size();
    long pidsLimit = limits.pidsLimit() == null || limits.pidsLimit() <= 0 ? 0 : limits.pidsLimit();
    return new StatsSample(c.id, "/" + c.name, true, at, total, total - user, user, system, cpus, usage, limit, pids,
        pidsLimit, network, network ? RX_BYTES : 0, network ? RX_PACKETS : 0, 0, 0);
  }
}
