package io.mockdocker.faults;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An installed {@link Fault}: counts the calls it matched and the times it fired, releases its stalls, and removes
 * it. Thread-safe.
 */
public final class FaultHandle {
  private final Fault fault;
  private final Faults owner;
  private final Random random;
  private final AtomicInteger fired = new AtomicInteger();
  private int calls;
  private long releases;
  private boolean removed;

  FaultHandle(Fault fault, Faults owner) {
    this.fault = fault;
    this.owner = owner;
    this.random = new Random(fault.match().seed());
  }

  public Fault fault() {
    return fault;
  }

  /** How many times the effect has happened. */
  public int fired() {
    return fired.get();
  }

  /** Lets every exchange stalled by this fault go on; later matching exchanges stall again. */
  public synchronized void release() {
    releases++;
    notifyAll();
  }

  /** Uninstalls the fault (releasing its stalls); later exchanges no longer see it. */
  public boolean remove() {
    return owner.remove(this);
  }

  /** Whether the counting conditions choose this call: the nth, every nth, and the seeded draw. */
  synchronized boolean choose() {
    if (removed) {
      return false;
    }
    Match m = fault.match();
    int n = ++calls;
    if (m.nth() > 0 && n != m.nth() || m.every() > 0 && n % m.every() != 0) {
      return false;
    }
    return m.probability() >= 1 || random.nextDouble() < m.probability();
  }

  /** A delay's length, drawn with the fault's seeded random. */
  synchronized Duration sample(Effect.Delay delay) {
    long span = delay.max().toNanos() - delay.min().toNanos();
    return span == 0 ? delay.min() : delay.min().plusNanos((long) (random.nextDouble() * (span + 1)));
  }

  void fire() {
    fired.incrementAndGet();
  }

  /** Waits until {@link #release()} or removal. */
  synchronized void awaitRelease() throws InterruptedException {
    long seen = releases;
    while (releases == seen && !removed) {
      wait();
    }
  }

  synchronized void removed() {
    removed = true;
    notifyAll();
  }

  /** The fault and how often it fired, e.g. {@code reset(at=head of POST /images/create #2) fired 1×}. */
  @Override
  public String toString() {
    return fault + " fired " + fired() + "×";
  }
}
