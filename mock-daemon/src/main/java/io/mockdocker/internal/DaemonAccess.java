package io.mockdocker.internal;

import io.mockdocker.MockDocker;
import io.mockdocker.internal.engine.Engine;
import java.lang.invoke.MethodHandles;
import java.util.function.Function;

/**
 * A daemon's engine, for the project's own tools (the benchmarks load images and create containers without HTTP):
 * {@code MockDocker} installs the accessor when it is loaded (the pattern of {@link FaultWiring}). Tests read {@link
 * MockDocker#state()} instead. Internal; not exported.
 */
public final class DaemonAccess {
  private static volatile Function<MockDocker, Engine> access;

  private DaemonAccess() {}

  /** Called once, by {@code MockDocker} as it is initialised. */
  public static void install(Function<MockDocker, Engine> installed) {
    access = installed;
  }

  /** The daemon's current engine; a reset replaces it. */
  public static Engine engine(MockDocker docker) {
    if (access == null) {
      try {
        MethodHandles.lookup().ensureInitialized(MockDocker.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return access.apply(docker);
  }
}
