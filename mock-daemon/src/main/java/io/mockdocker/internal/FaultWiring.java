package io.mockdocker.internal;

import io.mockdocker.Clock;
import io.mockdocker.faults.Fault;
import io.mockdocker.faults.Faults;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.lang.invoke.MethodHandles;
import java.util.function.BiConsumer;

/**
 * How the daemon puts its {@link Faults} into its Undertow handler chain, without an Undertow type on the public
 * {@code Faults}: the faults package installs its {@link Access} here when it is loaded. Internal; not exported.
 */
public final class FaultWiring {
  /** What the faults package lends the daemon. */
  public interface Access {
    Faults create(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired);

    HttpHandler wrap(Faults faults, HttpHandler next);
  }

  private static volatile Access access;

  private FaultWiring() {}

  /** Called once, by {@code Faults} as it is initialised. */
  public static void install(Access installed) {
    access = installed;
  }

  /**
   * A daemon's faults.
   *
   * @param onFired told of each fault as it fires, with the exchange it fires on (the journal listens here)
   */
  public static Faults create(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired) {
    return access().create(clock, onFired);
  }

  /** The handler that applies {@code faults} around {@code next} (the daemon puts it inside its journal). */
  public static HttpHandler wrap(Faults faults, HttpHandler next) {
    return access().wrap(faults, next);
  }

  private static Access access() {
    if (access == null) {
      try {
        MethodHandles.lookup().ensureInitialized(Faults.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return access;
  }
}
