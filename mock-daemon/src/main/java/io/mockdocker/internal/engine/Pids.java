package io.mockdocker.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process IDs for container processes and execs, counting up from 1001, and for the runtime shims that parent them,
 * counting down from 1000 (never below 2), so the two never meet.
 */
final class Pids {
  private final AtomicLong last = new AtomicLong(1000);
  private final AtomicLong shims = new AtomicLong(1001);

  int next() {
    return (int) last.incrementAndGet();
  }

  /** The PID of a new run's shim: the parent of the container's process and of its execs. */
  int nextShim() {
    return (int) Math.max(2, shims.decrementAndGet());
  }
}
