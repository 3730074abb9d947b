package io.mockdocker.internal.engine;

import java.util.HashSet;
import java.util.Set;

/** The daemon's pulling and pushing pools: one pull per {@code name:tag}, one push per name, at a time. */
final class OperationPools {
  private final Set<String> pulling = new HashSet<>();
  private final Set<String> pushing = new HashSet<>();

  /** Claims {@code key}; {@code <key> <kind> is already in progress} when it is taken. */
  void add(String kind, String key) {
    Set<String> pool = pool(kind);
    synchronized (pool) {
      if (!pool.add(key)) {
        throw new DockerException(key + " " + kind + " is already in progress");
      }
    }
  }

  /**
   * Claims {@code key}, first waiting for the operation holding it to end (the later one then finds what the first
   * one fetched already there, as docker 28's pulls shared one download).
   */
  void join(String kind, String key) {
    Set<String> pool = pool(kind);
    synchronized (pool) {
      while (!pool.add(key)) {
        try {
          pool.wait();
        } catch (InterruptedException e) {
          // the daemon is closing: its connections are cut
          Thread.currentThread().interrupt();
          throw new ConnectionDropped(key + " " + kind + " canceled: the daemon is closing");
        }
      }
    }
  }

  void remove(String kind, String key) {
    Set<String> pool = pool(kind);
    synchronized (pool) {
      pool.remove(key);
      pool.notifyAll();
    }
  }

  private Set<String> pool(String kind) {
    return kind.equals("pull") ? pulling : pushing;
  }
}
