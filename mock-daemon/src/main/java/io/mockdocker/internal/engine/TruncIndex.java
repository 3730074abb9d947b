package io.mockdocker.internal.engine;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Unique-prefix lookup of IDs, as the daemon's TruncIndex: a prefix of any length that matches exactly one ID.
 * Not thread-safe; the engine guards it.
 */
final class TruncIndex {
  private final TreeSet<String> ids = new TreeSet<>();

  void add(String id) {
    ids.add(id);
  }

  void remove(String id) {
    ids.remove(id);
  }

  boolean contains(String id) {
    return ids.contains(id);
  }

  /**
   * The one ID starting with {@code prefix}, or {@code null} when none or several do. The empty prefix never
   * resolves: the daemon looked up {@code " " + prefix} in {@code " id1 id2 … "}, and a lone space matches every
   * separator, even with a single ID.
   */
  String get(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    NavigableSet<String> tail = ids.tailSet(prefix, true);
    String first = tail.isEmpty() ? null : tail.first();
    if (first == null || !first.startsWith(prefix)) {
      return null;
    }
    String second = tail.higher(first);
    if (second != null && second.startsWith(prefix)) {
      return null;
    }
    return first;
  }

  int size() {
    return ids.size();
  }
}
