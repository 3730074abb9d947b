package io.mockdocker.internal.engine;

import java.time.Instant;

/**
 * One reading of a container's resource usage, what a stats frame carries: {@code running} false is the empty
 * reading of a container that does not run (only its name and ID). CPU times are nanoseconds; {@code systemUsage} is
 * the host's CPU time over all CPUs since boot; memory sizes are bytes; {@code network} says whether the container
 * has an {@code eth0} (not with the {@code none} or {@code host} network).
 */
public record StatsSample(String id, String name, boolean running, Instant read, long cpuTotal, long cpuKernel,
    long cpuUser, long systemUsage, int onlineCpus, long memoryUsage, long memoryLimit, long pids, long pidsLimit,
    boolean network, long rxBytes, long rxPackets, long txBytes, long txPackets) {

  /** The reading of a container that does not run. */
  public static StatsSample empty(String id, String name) {
    return new StatsSample(id, name, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0);
  }
}
