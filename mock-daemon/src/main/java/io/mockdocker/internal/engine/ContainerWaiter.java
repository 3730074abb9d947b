package io.mockdocker.internal.engine;

/**
 * A wait registered at a point in time (so that a start right after it is not missed): {@link #await()} blocks until
 * its condition holds and returns the exit code of the container's last run.
 */
public final class ContainerWaiter {
  private final LiveContainer c;
  private final WaitCondition condition;
  private final long exitsSeen;

  ContainerWaiter(LiveContainer c, WaitCondition condition) {
    this.c = c;
    this.condition = condition;
    synchronized (c) {
      this.exitsSeen = c.exits;
    }
  }

  public int await() throws InterruptedException {
    synchronized (c) {
      while (!holds()) {
        c.wait();
      }
      return c.state.exitCode();
    }
  }

  /** Waits at most {@code timeout}: the exit code once the condition holds, else empty. */
  public java.util.OptionalInt await(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (c) {
      while (!holds()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return java.util.OptionalInt.empty();
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(c, left);
      }
      return java.util.OptionalInt.of(c.state.exitCode());
    }
  }

  private boolean holds() {
    return switch (condition) {
      case NOT_RUNNING -> !c.state.running() || c.exits > exitsSeen;
      case NEXT_EXIT -> c.exits > exitsSeen || c.destroyed;
      case REMOVED -> c.destroyed;
    };
  }
}
