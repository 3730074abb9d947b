package io.mockdocker.faults;

import io.mockdocker.engine.Clock;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.function.BiConsumer;

/**
 * How the daemon puts its {@link Faults} into its Undertow handler chain. Not for tests: they reach the faults
 * through {@code MockDocker.faults()} and the fault DSL on {@code MockDocker}. Kept apart from {@link Faults} so that
 * no Undertow type is in the signature of a value users touch.
 */
public final class FaultWiring {
  /**
   * Put on an exchange the modern view answers (API 1.24 and later): a fault's daemon error then takes the modern
   * form ({@code {"message":…}} before the head, {@code {"errorDetail":…,"error":…}} inside a stream).
   */
  public static final AttachmentKey<Boolean> MODERN = AttachmentKey.create(Boolean.class);

  private FaultWiring() {}

  /**
   * A daemon's faults.
   *
   * @param onFired told of each fault as it fires, with the exchange it fires on (the journal listens here)
   */
  public static Faults create(Clock clock, BiConsumer<HttpServerExchange, Fault> onFired) {
    return Faults.create(clock, onFired);
  }

  /** The handler that applies {@code faults} around {@code next} (the daemon puts it inside its journal). */
  public static HttpHandler wrap(Faults faults, HttpHandler next) {
    return faults.wrap(next);
  }
}
