package io.mockdocker.engine;

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

  private boolean holds() {
    return switch (condition) {
      case NOT_RUNNING -> !c.state.running() || c.exits > exitsSeen;
      case NEXT_EXIT -> c.exits > exitsSeen || c.destroyed;
      case REMOVED -> c.destroyed;
    };
  }
}
