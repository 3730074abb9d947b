package io.mockdocker.reliability;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * Pool threads (the daemon's sessions and processes, XNIO's workers) that are doing something rather than idling
   * in their pool's queue: a stuck one is a leak even if its pool would keep it anyway.
   */
  static java.util.List<String> busyPoolThreads() {
    java.util.List<String> busy = new java.util.ArrayList<>();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      String name = t.getName();
      boolean pooled = name.startsWith("mock-docker-session") || name.startsWith("mock-docker-process")
          || name.startsWith("mock-docker-http")
          || name.matches("XNIO-\\d+ task-\\d+");
      boolean idle = java.util.Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("getTask")
          || f.getClassName().contains("EnhancedQueueExecutor") && f.getMethodName().equals("run")
          && stack[0].getClassName().contains("LockSupport") || f.getMethodName().equals("park"));
      if (pooled && t.isAlive() && !idle) {
        busy.add(name + " " + java.util.Arrays.toString(java.util.Arrays.copyOf(stack, Math.min(4, stack.length))));
      }
    });
    return busy;
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

  static int iterations(String property, int ciDefault) {
    return Integer.getInteger(property, ciDefault);
  }
}
