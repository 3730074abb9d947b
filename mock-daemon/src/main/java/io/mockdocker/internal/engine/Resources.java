package io.mockdocker.internal.engine;

/**
 * The resource limits of a container's host configuration, as create set them and update changes them: memory and
 * swap (bytes, swap {@code -1} for unlimited), the memory reservation, CPU shares, nano CPUs, the CFS period and
 * quota, the cpuset, the block-IO weight and the PIDs limit ({@code null} when never set, {@code 0} unlimited).
 * Zero means unset everywhere else, as in the daemon.
 */
public record Resources(long memory, long memorySwap, long memoryReservation, long cpuShares, long nanoCpus,
    long cpuPeriod, long cpuQuota, String cpusetCpus, String cpusetMems, int blkioWeight, Long pidsLimit) {

  /** No limits. */
  public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, null);

  public Resources {
    cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
    cpusetMems = cpusetMems == null ? "" : cpusetMems;
  }

  /**
   * These limits as a create leaves them: without swap accounting a memory limit's swap limit is dropped (-1);
   * with it, a memory limit without a swap limit gets twice its size as the swap limit.
   */
  public Resources created(boolean swapAccounting) {
    if (memory > 0 && memorySwap != -1 && !swapAccounting) {
      return withMemory(memory, -1);
    }
    return memory > 0 && memorySwap == 0 ? withMemory(memory, memory * 2) : this;
  }

  Resources withMemory(long newMemory, long newSwap) {
    return new Resources(newMemory, newSwap, memoryReservation, cpuShares, nanoCpus, cpuPeriod, cpuQuota, cpusetCpus,
        cpusetMems, blkioWeight, pidsLimit);
  }

  /**
   * The limits after an update with {@code change}: every non-zero (for the PIDs limit, non-null) value replaces
   * this one, with the daemon's checks of the CPU options against what is already set and of a new memory limit
   * against the swap limit already set.
   */
  Resources updatedWith(Resources change) {
    if (change.nanoCpus > 0 && cpuPeriod > 0) {
      throw new DockerException("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
    }
    if (change.nanoCpus > 0 && cpuQuota > 0) {
      throw new DockerException("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
    }
    if (change.cpuPeriod > 0 && nanoCpus > 0) {
      throw new DockerException("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
    }
    if (change.cpuQuota > 0 && nanoCpus > 0) {
      throw new DockerException("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
    }
    if (change.memory != 0 && change.memory > memorySwap && change.memorySwap == 0) {
      throw new DockerException("Memory limit should be smaller than already set memoryswap limit, update the"
          + " memoryswap at the same time");
    }
    return new Resources(
        change.memory != 0 ? change.memory : memory,
        change.memorySwap != 0 ? change.memorySwap : memorySwap,
        change.memoryReservation != 0 ? change.memoryReservation : memoryReservation,
        change.cpuShares != 0 ? change.cpuShares : cpuShares,
        change.nanoCpus != 0 ? change.nanoCpus : nanoCpus,
        change.cpuPeriod != 0 ? change.cpuPeriod : cpuPeriod,
        change.cpuQuota != 0 ? change.cpuQuota : cpuQuota,
        !change.cpusetCpus.isEmpty() ? change.cpusetCpus : cpusetCpus,
        !change.cpusetMems.isEmpty() ? change.cpusetMems : cpusetMems,
        change.blkioWeight != 0 ? change.blkioWeight : blkioWeight,
        change.pidsLimit != null ? change.pidsLimit : pidsLimit);
  }

  /** How many CPUs the limits allow ({@code 0}: no CPU limit): nano CPUs, or the CFS quota over its period. */
  double cpuLimit() {
    if (nanoCpus > 0) {
      return nanoCpus / 1e9;
    }
    if (cpuQuota > 0) {
      return cpuQuota / (double) (cpuPeriod > 0 ? cpuPeriod : 100_000);
    }
    return 0;
  }
}
