package io.mockdocker.reliability;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** Thread and heap measurements for the leak tests. */
final class Leaks {
  private Leaks() {}

  static int liveThreads() {
    return Thread.activeCount() == 0 ? 0 : ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Live threads grouped by name with digits dropped, to name a leaking pool. */
  static Map<String, Integer> threadsByPool() {
    Map<String, Integer> pools = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      pools.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
    }
    return pools;
  }

  /** Used heap after a few collections, in bytes. */
  static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  /** Waits up to {@code millis} for the condition; returns whether it held. */
  static boolean within(long millis, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  static int iterations(String property, int ciDefault) {
    return Integer.getInteger(property, ciDefault);
  }
}
