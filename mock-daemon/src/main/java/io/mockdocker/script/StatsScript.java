package io.mockdocker.script;

import java.time.Duration;

/**
 * What {@code docker stats} reports for matching containers while they run: the CPU level and the memory in use
 * (fixed, or climbing at a rate up to a ceiling), on the daemon's clock. An immutable value; each method returns a
 * changed copy.
 *
 * <pre>{@code
 * docker.script(ProcessMatch.image("worker"),
 *     StatsScript.defaults().cpuPercent(85).memoryClimbing(64 << 20, 512 << 20, 16 << 20));
 * }</pre>
 *
 * <p>Without a script a running container reports {@link #defaults()}. The memory in use never exceeds the limit
 * reported beside it (the container's {@code Memory} limit, or the script's, or the host's memory). The CPU level is
 * capped by the container's CPU limit ({@code NanoCpus}, or {@code CpuQuota} over {@code CpuPeriod}). Pids and the
 * network counters are not scripted: they come from the simulated processes and a quiet {@code eth0}.
 */
public final class StatsScript {
  private static final long MIB = 1024 * 1024;
  private static final StatsScript DEFAULTS = new StatsScript(0.15, 3 * MIB + MIB / 2, 3 * MIB + MIB / 2, 0, 0);

  private final double cpuPercent;
  private final long memoryFrom;
  private final long memoryTo;
  private final long perSecond;
  private final long memoryLimit;

  private StatsScript(double cpuPercent, long memoryFrom, long memoryTo, long perSecond, long memoryLimit) {
    this.cpuPercent = cpuPercent;
    this.memoryFrom = memoryFrom;
    this.memoryTo = memoryTo;
    this.perSecond = perSecond;
    this.memoryLimit = memoryLimit;
  }

  /** An idle process: 0.15 % of one CPU and 3.5 MiB of memory, the container's own memory limit. */
  public static StatsScript defaults() {
    return DEFAULTS;
  }

  /**
   * This script with the process using {@code percent} of one CPU ({@code 100} is one CPU busy, {@code 250} two and
   * a half), as {@code docker stats} prints it.
   *
   * @throws IllegalArgumentException when negative or not a number
   */
  public StatsScript cpuPercent(double percent) {
    if (!(percent >= 0) || Double.isInfinite(percent)) {
      throw new IllegalArgumentException("cpu percent must be a finite number >= 0: " + percent);
    }
    return new StatsScript(percent, memoryFrom, memoryTo, perSecond, memoryLimit);
  }

  /**
   * This script with {@code usage} bytes of memory in use, and {@code limit} bytes reported as the limit
   * ({@code 0}: the container's limit, or the host's memory without one).
   *
   * @throws IllegalArgumentException when a size is negative
   */
  public StatsScript memory(long usage, long limit) {
    if (usage < 0 || limit < 0) {
      throw new IllegalArgumentException("memory sizes must be >= 0: " + usage + ", " + limit);
    }
    return new StatsScript(cpuPercent, usage, usage, 0, limit);
  }

  /**
   * This script with the memory in use starting at {@code from} bytes when the container starts and growing by
   * {@code perSecond} bytes each second of the daemon's clock until it reaches {@code to} (or the limit).
   *
   * @throws IllegalArgumentException when a size is negative or {@code to} is below {@code from}
   */
  public StatsScript memoryClimbing(long from, long to, long perSecond) {
    if (from < 0 || perSecond < 0 || to < from) {
      throw new IllegalArgumentException("need 0 <= from <= to and perSecond >= 0: " + from + ", " + to + ", "
          + perSecond);
    }
    return new StatsScript(cpuPercent, from, to, perSecond, memoryLimit);
  }

  /** The CPU level, in percent of one CPU. */
  public double cpuPercent() {
    return cpuPercent;
  }

  /** The memory in use after the container has run for {@code running} (before the limit caps it). */
  public long memoryUsage(Duration running) {
    if (perSecond == 0 || running.isNegative()) {
      return memoryFrom;
    }
    double grown = perSecond * (running.toNanos() / 1e9);
    return (long) Math.min(memoryTo, memoryFrom + grown);
  }

  /** The memory limit the script reports, {@code 0} for the container's. */
  public long memoryLimit() {
    return memoryLimit;
  }

  @Override
  public String toString() {
    return "StatsScript{cpu=" + cpuPercent + "%, memory=" + memoryFrom
        + (perSecond == 0 ? "" : ".." + memoryTo + " +" + perSecond + "/s")
        + (memoryLimit == 0 ? "" : ", limit=" + memoryLimit) + "}";
  }
}
