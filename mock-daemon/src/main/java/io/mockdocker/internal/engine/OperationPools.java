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

  void remove(String kind, String key) {
    Set<String> pool = pool(kind);
    synchronized (pool) {
      pool.remove(key);
    }
  }

  private Set<String> pool(String kind) {
    return kind.equals("pull") ? pulling : pushing;
  }
}
