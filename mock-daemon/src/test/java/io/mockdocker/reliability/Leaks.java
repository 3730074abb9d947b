package io.mockdocker.reliability;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Thread, file descriptor, heap and log measurements for the leak tests. */
final class Leaks {
  private Leaks() {}

  /**
   * Open file descriptors of this JVM (sockets, pipes, jars), or -1 where the platform does not say (not a Unix
   * JVM). A leaked connection or listener shows here even when no thread is left behind.
   */
  static long openFileDescriptors() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getOpenFileDescriptorCount() : -1;
  }

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
    busyThreads(true).forEach((t, stack) -> busy.add(t.getName() + " "
        + java.util.Arrays.toString(java.util.Arrays.copyOf(stack, Math.min(4, stack.length)))));
    return busy;
  }

  /**
   * The threads that handle requests (sessions and XNIO's workers, not the simulated processes: a container may run
   * for as long as it likes) and are working rather than idling in their pool's queue.
   */
  static java.util.Set<Thread> busyRequestThreads() {
    return busyThreads(false).keySet();
  }

  private static Map<Thread, StackTraceElement[]> busyThreads(boolean processes) {
    Map<Thread, StackTraceElement[]> busy = new java.util.HashMap<>();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      String name = t.getName();
      boolean pooled = name.startsWith("mock-docker-session") || name.startsWith("mock-docker-http")
          || processes && name.startsWith("mock-docker-process")
          || name.matches("XNIO-\\d+ task-\\d+");
      boolean idle = java.util.Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("getTask")
          || f.getClassName().contains("EnhancedQueueExecutor") && f.getMethodName().equals("run")
          && stack[0].getClassName().contains("LockSupport") || f.getMethodName().equals("park"));
      if (pooled && t.isAlive() && !idle) {
        busy.put(t, stack);
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

  /**
   * Records what the daemon, Undertow and XNIO log at {@code level} or above (or what a predicate accepts) while open, with the thrown
   * exception's class and message; closed, it stops listening. The loggers are held strongly (java.util.logging
   * keeps them weakly, and a collected logger would drop the handler).
   */
  static final class LogCapture implements AutoCloseable {
    private final List<Logger> loggers = List.of(Logger.getLogger("io.mockdocker"), Logger.getLogger("io.undertow"),
        Logger.getLogger("org.xnio"));
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler handler;

    LogCapture(Level level) {
      this(r -> r.getLevel().intValue() >= level.intValue());
    }

    /** Records what {@code which} accepts. */
    LogCapture(java.util.function.Predicate<LogRecord> which) {
      handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (which.test(record)) {
            records.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                + (record.getThrown() == null ? "" : ": " + record.getThrown()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
      loggers.forEach(l -> l.addHandler(handler));
    }

    /** What was logged since this capture opened (or since the last {@link #drain()}). */
    List<String> records() {
      return List.copyOf(records);
    }

    /** Returns what was logged so far and forgets it. */
    synchronized List<String> drain() {
      List<String> out = List.copyOf(records);
      records.removeAll(out);
      return out;
    }

    @Override
    public void close() {
      loggers.forEach(l -> l.removeHandler(handler));
    }
  }
}
