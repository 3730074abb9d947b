package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One daemon's tar limits, with one budget for all its extractions in progress: each extraction may write at most
 * {@code maxBytes}, and all those running at the same time together at most {@code maxBytes} too, so concurrent
 * bombs are refused with the same message as a single one instead of filling the heap. What an extraction wrote is
 * given back to the shared budget when it ends, refused or not.
 */
final class TarBudget {
  private final TarLimits limits;
  private final AtomicLong inProgress = new AtomicLong();

  TarBudget(TarLimits limits) {
    this.limits = limits;
  }

  TarLimits limits() {
    return limits;
  }

  /** What one extraction spends; close it when the extraction ends. */
  Spending start() {
    return new Spending();
  }

  /** The bytes written by extractions running now. */
  long inProgress() {
    return inProgress.get();
  }

  final class Spending implements AutoCloseable {
    private long spent;

    /** Counts {@code bytes} about to be written; over either budget, fails with the limit's text. */
    void spend(long bytes) throws TarExtraction.TarLimitException {
      spent += bytes;
      long all = inProgress.addAndGet(bytes);
      if (spent > limits.maxBytes() || all > limits.maxBytes()) {
        // not written: the refused bytes are not kept against the others
        spent -= bytes;
        inProgress.addAndGet(-bytes);
        throw new TarExtraction.TarLimitException("tar archive too large: more than " + limits.maxBytes()
            + " bytes once extracted, the daemon's limit");
      }
    }

    @Override
    public void close() {
      inProgress.addAndGet(-spent);
      spent = 0;
    }
  }
}
