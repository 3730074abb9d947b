package io.mockdocker.internal.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One engine event: its type ({@code container}, {@code image}), action ({@code create}, {@code die},
 * {@code exec_create: echo hi}, …), the actor's ID and attributes, and the instant on the engine's clock.
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
  public Event {
    attributes = Map.copyOf(attributes);
  }

  /** The action without the detail after a colon ({@code exec_start: echo hi} is {@code exec_start}). */
  public String baseAction() {
    int colon = action.indexOf(':');
    return colon < 0 ? action : action.substring(0, colon);
  }
}
