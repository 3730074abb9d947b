package io.mockdocker.internal.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * When docker v0.4.4's {@code progressReader} printed a progress update, and what it printed.
 *
 * <p>After every read the reader added the bytes to its count and printed when the count had grown by strictly more
 * than {@code updateEvery} since the last update: 4096 bytes, or 1% of the expected total
 * ({@code int(0.01*float64(total))}) when that is larger. It also printed unconditionally when the underlying read
 * returned an error or EOF; that final update is the caller's to emit, with {@link #text()}, after the last
 * {@link #onRead}. Not thread-safe: one instance follows one transfer.
 */
final class ProgressCadence {
  private static final long MIN_UPDATE_EVERY = 4096;

  private final long total;
  private final long updateEvery;
  private long read;
  private long lastUpdate;

  /** @param total the expected length in bytes; zero or negative when unknown */
  ProgressCadence(long total) {
    this.total = total;
    long every = MIN_UPDATE_EVERY;
    if (total > 0) {
      long increment = (long) (0.01 * (double) total);
      if (increment > every) {
        every = increment;
      }
    }
    this.updateEvery = every;
  }

  /**
   * Counts {@code n} more bytes read.
   *
   * @return whether an update is due now; if so, the count is recorded as the last update
   */
  boolean onRead(long n) {
    read += n;
    if (read - lastUpdate > updateEvery) {
      lastUpdate = read;
      return true;
    }
    return false;
  }

  /** The bytes counted so far. */
  long read() {
    return read;
  }

  /**
   * The progress text for the current count, as the daemon filled its {@code "%v/%v (%v)"} template: with a known
   * total {@code "8.192 kB/10.24 kB (80%)"} (percentage by Go's {@code %.0f}, exact value rounded half to even);
   * otherwise {@code "8192/? (n/a)"}.
   */
  String text() {
    return text(ProgressSink.Sizes.HUMAN);
  }

  /** The progress text with the sizes written as {@code sizes} says: {@code "8192/10240 (80%)"} in bytes. */
  String text(ProgressSink.Sizes sizes) {
    if (total <= 0) {
      return read + "/? (n/a)";
    }
    double percent = (double) read / (double) total * 100;
    String rounded = new BigDecimal(percent).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    return sizes.format(read) + "/" + sizes.format(total) + " (" + rounded + "%)";
  }
}
