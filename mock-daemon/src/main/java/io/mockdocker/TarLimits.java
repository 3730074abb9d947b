package io.mockdocker;

/**
 * What one tar extraction (import, pull, a build's context and ADD) may produce: bytes written once decompressed
 * (hard-link copies included), and entries read. A tar bomb hits one of them and fails with the daemon-style error
 * {@code tar archive too large: more than N bytes once extracted, the daemon's limit} or {@code tar archive has too
 * many entries: more than N, the daemon's limit} (inside the stream once it has started, else as a 500). The byte
 * limit also bounds the extractions of one daemon running at the same time, together.
 */
public record TarLimits(long maxBytes, long maxEntries) {
  /**
   * 100,000 entries, and a quarter of the heap this JVM may grow to ({@code Runtime.maxMemory() / 4}), at most
   * 1 GiB: what is extracted lives on the heap (the daemon's files are in memory), so a default above the heap would
   * turn a bomb into an {@code OutOfMemoryError}; with {@code -Xmx512m} that is 128 MiB. The byte limit is also the
   * budget all extractions in progress share: concurrent archives together may not write more than it either.
   */
  public static final TarLimits DEFAULT = new TarLimits(defaultMaxBytes(Runtime.getRuntime().maxMemory()), 100_000);

  /** The default byte limit for a heap of {@code maxMemory} bytes: a quarter of it, at most 1 GiB. */
  private static long defaultMaxBytes(long maxMemory) {
    return Math.min(1L << 30, maxMemory / 4);
  }

  public TarLimits {
    if (maxBytes < 0 || maxEntries < 0) {
      throw new IllegalArgumentException("tar limits must not be negative: " + maxBytes + ", " + maxEntries);
    }
  }
}
