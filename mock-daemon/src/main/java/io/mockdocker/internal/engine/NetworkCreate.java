package io.mockdocker.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * What a client asks of a new network: its name, driver ({@code bridge} when empty), flags, labels and options, and
 * its IPAM pools as {subnet, gateway} pairs (either may be empty; no pool at all means one from the default pools).
 */
public record NetworkCreate(String name, String driver, boolean internal, boolean attachable, boolean enableIpv6,
    Map<String, String> labels, Map<String, String> options, List<String[]> pools) {

  public NetworkCreate {
    driver = driver == null || driver.isEmpty() ? "bridge" : driver;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
    pools = pools == null ? List.of() : List.copyOf(pools);
  }
}
