package io.mockdocker.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the daemon threads that run simulated processes and engine timers, so a thread dump says whose they are. */
final class ProcessThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  ProcessThreads() {}

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, "mock-docker-process-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
