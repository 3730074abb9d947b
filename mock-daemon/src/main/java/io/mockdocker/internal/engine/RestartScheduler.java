package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A restart policy's pending restarts: the restart after the back-off {@link LiveContainer.Restarts} chose, on the
 * engine clock, and its cancellation by the user. The start itself is the runtime's, given with the container's
 * operation lock held.
 */
final class RestartScheduler {
  private final ExecutorService threads;
  private final Clock clock;
  private final Consumer<LiveContainer> start;

  RestartScheduler(ExecutorService threads, Clock clock, Consumer<LiveContainer> start) {
    this.threads = threads;
    this.clock = clock;
    this.start = start;
  }

  /**
   * The policy's restart after its back-off on the engine clock, unless the user stopped, started or removed the
   * container meanwhile. A start that fails leaves it exited.
   */
  void schedule(LiveContainer c, Duration delay) {
    try {
      Future<?> pending = threads.submit(() -> {
        try {
          clock.sleep(delay);
        } catch (InterruptedException e) {
          return;
        }
        c.ops.lock();
        try {
          synchronized (c) {
            if (!c.state.restarting() || c.removed) {
              return;
            }
            c.state = c.state.withRestarting(false);
          }
          try {
            start.accept(c);
          } catch (RuntimeException e) {
            synchronized (c) {
              c.notifyAll();
            }
          }
        } finally {
          c.ops.unlock();
        }
      });
      synchronized (c) {
        c.restarts.pending = pending;
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      synchronized (c) {
        c.state = c.state.withRestarting(false); // the engine is closing
      }
    }
  }

  /**
   * Ends a pending restart for a stop, kill or remove by the user: the container is left exited with its last code.
   * Returns whether it was restarting; the monitor must be held.
   */
  static boolean cancel(LiveContainer c) {
    if (!c.state.restarting()) {
      return false;
    }
    c.restarts.canceled = true;
    c.restarts.manuallyStopped = true;
    if (c.restarts.pending != null) {
      c.restarts.pending.cancel(true);
    }
    c.state = c.state.withRestarting(false);
    c.notifyAll();
    return true;
  }
}
