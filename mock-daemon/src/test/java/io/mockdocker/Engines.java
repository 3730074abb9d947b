package io.mockdocker;

import io.mockdocker.internal.engine.Engine;

/** mock-daemon's own tests reach a daemon's engine here; users read {@link MockDocker#state()} instead. */
public final class Engines {
  private Engines() {}

  /** The daemon's current engine (a reset replaces it). */
  public static Engine of(MockDocker docker) {
    return docker.engine();
  }
}
