package io.mockdocker.script;

import io.mockdocker.internal.ScriptAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered process script: counts its runs and releases the runs waiting in {@code awaitExit()} with an exit code.
 */
public final class ScriptHandle {
  static {
    ScriptAccess.install(new ScriptAccess.Access() {
      @Override
      public ScriptHandle handle(ProcessMatch match, ProcessScript script) {
        return new ScriptHandle(match, script);
      }

      @Override
      public void started(ScriptHandle handle) {
        handle.started();
      }

      @Override
      public int awaitRelease(ScriptHandle handle) throws InterruptedException {
        return handle.awaitRelease();
      }

      @Override
      public TransferHandle handle(TransferMatch match, TransferScript script) {
        return new TransferHandle(match, script);
      }

      @Override
      public void used(TransferHandle handle) {
        handle.used();
      }

      @Override
      public PortScriptHandle handle(PortMatch match, PortScript script) {
        return new PortScriptHandle(match, script);
      }

      @Override
      public void connected(PortScriptHandle handle) {
        handle.connected();
      }
    });
  }

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
