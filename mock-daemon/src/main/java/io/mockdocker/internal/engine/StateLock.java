package io.mockdocker.internal.engine;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The engine's one lock: it guards the image graph, the tags and the containers together. */
final class StateLock {
  private final ReentrantLock lock = new ReentrantLock();

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
