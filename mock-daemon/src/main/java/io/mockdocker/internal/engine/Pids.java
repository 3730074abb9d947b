package io.mockdocker.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Process IDs for container processes and execs, counting up from 1001. */
final class Pids {
  private final AtomicLong last = new AtomicLong(1000);

  int next() {
    return (int) last.incrementAndGet();
  }
}
