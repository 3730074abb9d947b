package io.mockdocker.engine;

/**
 * What one tar extraction (import, pull, a build's context and ADD) may produce: bytes written once decompressed,
 * and entries read. A tar bomb hits one of them and fails with a clear error instead of filling the heap.
 */
record TarLimits(long maxBytes, long maxEntries) {
  /** 1 GiB extracted, 100,000 entries. */
  static final TarLimits DEFAULT = new TarLimits(1L << 30, 100_000);

  TarLimits {
    if (maxBytes < 0 || maxEntries < 0) {
      throw new IllegalArgumentException("tar limits must not be negative: " + maxBytes + ", " + maxEntries);
    }
  }
}
