package io.mockdocker.script;

import java.util.concurrent.atomic.AtomicInteger;

/** A registered transfer script: what it matches, what it does, and how many transfers it has paced. */
public final class TransferHandle {
  private final TransferMatch match;
  private final TransferScript script;
  private final AtomicInteger transfers = new AtomicInteger();

  TransferHandle(TransferMatch match, TransferScript script) {
    this.match = match;
    this.script = script;
  }

  public TransferMatch match() {
    return match;
  }

  public TransferScript script() {
    return script;
  }

  /** How many transfers this script has paced. */
  public int transfers() {
    return transfers.get();
  }

  void used() {
    transfers.incrementAndGet();
  }

  @Override
  public String toString() {
    return match + " -> " + script;
  }
}
