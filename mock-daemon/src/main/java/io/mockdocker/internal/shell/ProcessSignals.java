package io.mockdocker.internal.shell;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The signal state of one simulated process: what it does with each signal (its dispositions), the signals sent to
 * it and not yet handled, and whether it was killed. Sending interrupts the process's thread; the process takes the
 * pending signals where the interrupt surfaces, runs its handlers and goes on, or ends. Thread-safe.
 */
public final class ProcessSignals {
  /** What a process does with a signal. */
  public enum Disposition {
    /** Linux's default: end with 128 + the number, or go on for the signals ignored by default. */
    DEFAULT,
    /** Dropped on arrival. */
    IGNORE,
    /** Handled by the process (a trap, a script's handler). */
    CATCH
  }

  private final Map<Integer, Disposition> dispositions = new HashMap<>();
  private final ArrayDeque<Integer> pending = new ArrayDeque<>();
  private Thread thread;
  private boolean killed;
  private int fatal;

  public ProcessSignals() {}

  /** The thread the process runs on, which sending interrupts; a signal sent before it is bound waits for it. */
  public void bind(Thread process) {
    boolean interrupt;
    synchronized (this) {
      thread = process;
      interrupt = killed || !pending.isEmpty();
    }
    if (interrupt) {
      process.interrupt();
    }
  }

  public synchronized void disposition(int signal, Disposition disposition) {
    if (disposition == Disposition.DEFAULT) {
      dispositions.remove(signal);
    } else {
      dispositions.put(signal, disposition);
    }
  }

  public synchronized Disposition disposition(int signal) {
    return dispositions.getOrDefault(signal, Disposition.DEFAULT);
  }

  /**
   * Sends {@code signal}: KILL ends the process whatever it does; an ignored signal (by the process, or by default)
   * is dropped; any other is queued for the process. Returns whether the process will see it.
   */
  public boolean send(int signal) {
    Thread target;
    synchronized (this) {
      if (signal == Signals.KILL) {
        killed = true;
      } else {
        Disposition d = disposition(signal);
        if (d == Disposition.IGNORE || d == Disposition.DEFAULT && Signals.ignoredByDefault(signal)) {
          return false;
        }
        pending.add(signal);
      }
      target = thread;
      if (target != null) {
        target.interrupt(); // under the lock: take() clears exactly the interrupts of the signals it hands out
      }
    }
    return true;
  }

  public synchronized boolean killed() {
    return killed;
  }

  /** The oldest pending signal without taking it; 0 when none. */
  public synchronized int peek() {
    Integer s = pending.peek();
    return s == null ? 0 : s;
  }

  /**
   * Takes the oldest pending signal; 0 when none. Once none is left, the process thread's interrupt (the one the
   * sends raised) is cleared so that the process goes on undisturbed.
   */
  public synchronized int take() {
    Integer s = pending.poll();
    if (pending.isEmpty() && !killed && Thread.currentThread() == thread) {
      Thread.interrupted();
    }
    return s == null ? 0 : s;
  }

  /** Records that {@code signal}, not handled, ends the process (128 + its number). */
  public synchronized void fatal(int signal) {
    if (fatal == 0) {
      fatal = signal;
    }
  }

  /**
   * The signal that ended the process: KILL, one marked {@link #fatal}, or a pending one the default disposition
   * ends it with; 0 when none.
   */
  public synchronized int ending() {
    if (killed) {
      return Signals.KILL;
    }
    if (fatal != 0) {
      return fatal;
    }
    for (int s : pending) {
      if (disposition(s) == Disposition.DEFAULT) {
        return s;
      }
    }
    return 0;
  }
}
