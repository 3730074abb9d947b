package io.mockdocker.internal;

import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.lang.invoke.MethodHandles;

/**
 * How the engine makes and drives the public {@link ScriptHandle}, {@link TransferHandle} and
 * {@link PortScriptHandle}: the script package installs its {@link Access} here when it is loaded (the pattern of
 * {@link FaultWiring}). Internal; not exported.
 */
public final class ScriptAccess {
  /** What the script package lends the engine. */
  public interface Access {
    ScriptHandle handle(ProcessMatch match, ProcessScript script);

    void started(ScriptHandle handle);

    int awaitRelease(ScriptHandle handle) throws InterruptedException;

    TransferHandle handle(TransferMatch match, TransferScript script);

    void used(TransferHandle handle);

    PortScriptHandle handle(PortMatch match, PortScript script);

    void connected(PortScriptHandle handle);
  }

  private static volatile Access access;

  private ScriptAccess() {}

  /** Called once, by {@code ScriptHandle} as it is initialised. */
  public static void install(Access installed) {
    access = installed;
  }

  public static ScriptHandle handle(ProcessMatch match, ProcessScript script) {
    return access().handle(match, script);
  }

  /** Counts a run of the handle's script. */
  public static void started(ScriptHandle handle) {
    access().started(handle);
  }

  /** Blocks until a test calls {@link ScriptHandle#exit(int)}; returns its code. */
  public static int awaitRelease(ScriptHandle handle) throws InterruptedException {
    return access().awaitRelease(handle);
  }

  public static TransferHandle handle(TransferMatch match, TransferScript script) {
    return access().handle(match, script);
  }

  /** Counts a transfer the handle's script shaped. */
  public static void used(TransferHandle handle) {
    access().used(handle);
  }

  public static PortScriptHandle handle(PortMatch match, PortScript script) {
    return access().handle(match, script);
  }

  /** Counts a connection the handle's script was given. */
  public static void connected(PortScriptHandle handle) {
    access().connected(handle);
  }

  private static Access access() {
    if (access == null) {
      try {
        MethodHandles.lookup().ensureInitialized(ScriptHandle.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }
}
