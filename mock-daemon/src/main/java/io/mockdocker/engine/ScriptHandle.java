package io.mockdocker.engine;

import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered process script: counts its runs and releases the runs waiting in {@code awaitExit()} with an exit code.
 */
public final class ScriptHandle {
  private final ProcessMatch match;
  private final ProcessScript script;
  private final AtomicInteger runs = new AtomicInteger();
  private Integer releasedCode;

  ScriptHandle(ProcessMatch match, ProcessScript script) {
    this.match = match;
    this.script = script;
  }

  public ProcessMatch match() {
    return match;
  }

  public ProcessScript script() {
    return script;
  }

  /** How many container processes this script has started. */
  public int runs() {
    return runs.get();
  }

  /** Ends every run waiting in {@code awaitExit()}, now and later, with this exit code. */
  public synchronized void exit(int code) {
    releasedCode = code;
    notifyAll();
  }

  void started() {
    runs.incrementAndGet();
  }

  synchronized int awaitRelease() throws InterruptedException {
    while (releasedCode == null) {
      wait();
    }
    return releasedCode;
  }

  @Override
  public String toString() {
    return "ScriptHandle{" + match + " -> " + script + "}";
  }
}
