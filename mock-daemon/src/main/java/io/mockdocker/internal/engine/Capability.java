package io.mockdocker.internal.engine;

/** What the simulated host kernel supports, as the daemon detected it at start; {@code GET /info} reports them. */
public enum Capability {
  /** The memory cgroup: {@code Memory} limits apply. Without it the daemon sets {@code Memory} to 0. */
  MEMORY_LIMIT,
  /** Swap accounting: without it a memory limit sets {@code MemorySwap} to -1. */
  SWAP_LIMIT
}
