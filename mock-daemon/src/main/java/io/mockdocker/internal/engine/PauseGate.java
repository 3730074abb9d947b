package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.IntSupplier;

/**
 * The freezer of one run: while paused, the process's writes and sleeps wait, and its sleeps on the engine clock do
 * not count the paused time. Only a SIGKILL ends a frozen process at once; another signal is delivered on thaw.
 */
final class PauseGate {
  private final Clock clock;
  private final IntSupplier signal;
  private boolean paused;
  private Instant pausedAt;
  private long pausedNanos;

  PauseGate(Clock clock, IntSupplier signal) {
    this.clock = clock;
    this.signal = signal;
  }

  synchronized void pause() {
    paused = true;
    pausedAt = clock.now();
  }

  synchronized void unpause() {
    if (paused) {
      paused = false;
      pausedNanos += Duration.between(pausedAt, clock.now()).toNanos();
      notifyAll();
    }
  }

  private synchronized long pausedNanos() {
    return pausedNanos;
  }

  /** How long the run has been frozen in all, up to {@code at} (the current pause included). */
  synchronized long pausedNanos(Instant at) {
    long current = paused && at.isAfter(pausedAt) ? Duration.between(pausedAt, at).toNanos() : 0;
    return pausedNanos + current;
  }

  /** Waits while paused; a signal other than SIGKILL that came meanwhile interrupts after the thaw. */
  synchronized void await() throws InterruptedException {
    boolean pending = false;
    while (paused) {
      try {
        wait();
      } catch (InterruptedException e) {
        if (signal.getAsInt() == ContainerRuntime.SIGKILL) {
          throw e;
        }
        pending = true;
      }
    }
    if (pending) {
      throw new InterruptedException();
    }
  }

  /** The engine clock as the frozen process sees it: a sleep does not advance while paused. */
  Clock clock() {
    return new Clock() {
      @Override
      public Instant now() {
        return clock.now();
      }

      @Override
      public ZoneId zone() {
        return clock.zone();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        await();
        Instant start = clock.now();
        long base = pausedNanos();
        while (true) {
          long target = duration.toNanos() + pausedNanos() - base;
          long elapsed = Duration.between(start, clock.now()).toNanos();
          if (elapsed >= target) {
            return;
          }
          try {
            clock.sleep(Duration.ofNanos(target - elapsed));
          } catch (InterruptedException e) {
            if (signal.getAsInt() != ContainerRuntime.SIGKILL) {
              await(); // a frozen process handles the signal once thawed
            }
            throw e;
          }
          await();
        }
      }
    };
  }

  /** {@code out} whose writes wait while paused. */
  OutputStream stream(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        gate();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        gate();
        out.write(b, off, len);
      }
    };
  }

  private void gate() throws InterruptedIOException {
    try {
      await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("killed while paused");
    }
  }
}
