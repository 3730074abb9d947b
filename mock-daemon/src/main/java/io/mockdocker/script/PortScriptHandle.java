package io.mockdocker.script;

import java.util.concurrent.atomic.AtomicInteger;

/** A registered port script: what it matches, what it does, and how many connections it has served. */
public final class PortScriptHandle {
  private final PortMatch match;
  private final PortScript script;
  private final AtomicInteger connections = new AtomicInteger();

  PortScriptHandle(PortMatch match, PortScript script) {
    this.match = match;
    this.script = script;
  }

  public PortMatch match() {
    return match;
  }

  public PortScript script() {
    return script;
  }

  /** How many connections this script has been given (counted as each is accepted, before it is served). */
  public int connections() {
    return connections.get();
  }

  void connected() {
    connections.incrementAndGet();
  }

  @Override
  public String toString() {
    return match + " -> " + script;
  }
}
