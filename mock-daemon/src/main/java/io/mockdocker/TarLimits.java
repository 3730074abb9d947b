package io.mockdocker;

/**
 * What one tar extraction (import, pull, a build's context and ADD) may produce: bytes written once decompressed
 * (hard-link copies included), and entries read. A tar bomb hits one of them and fails with the daemon-style error
 * {@code tar archive too large: more than N bytes once extracted, the daemon's limit} or {@code tar archive has too
 * many entries: more than N, the daemon's limit} (inside the stream once it has started, else as a 500).
 */
public record TarLimits(long maxBytes, long maxEntries) {
  /** 1 GiB extracted, 100,000 entries. */
  public static final TarLimits DEFAULT = new TarLimits(1L << 30, 100_000);

  public TarLimits {
    if (maxBytes < 0 || maxEntries < 0) {
      throw new IllegalArgumentException("tar limits must not be negative: " + maxBytes + ", " + maxEntries);
    }
  }
}
