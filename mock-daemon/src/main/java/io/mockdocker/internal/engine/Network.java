package io.mockdocker.internal.engine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one network: the predefined {@code bridge}, {@code host} and {@code none}, or one a client created.
 * {@code subnet} and {@code gateway} are empty for {@code host} and {@code none}; {@code endpoints} are the containers
 * attached to a created network (the bridge's running containers are the runtime's, not listed here).
 */
public record Network(String id, String name, String driver, OffsetDateTime created, boolean predefined,
    boolean internal, boolean attachable, boolean enableIpv6, Map<String, String> labels,
    Map<String, String> options, String subnet, String gateway, List<NetworkEndpoint> endpoints) {

  public Network {
    labels = Map.copyOf(labels);
    options = Map.copyOf(options);
    endpoints = List.copyOf(endpoints);
  }
}
