package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ports a container asks for, version-neutral: its exposed ports ({@code 80/tcp}, {@code 53/udp}), its bindings
 * as sent (key to bindings; a {@code null} list is kept as an empty one) and whether every exposed port is published.
 * Port keys without a protocol are {@code tcp}.
 */
public record PortConfig(Set<String> exposed, Map<String, List<PortBinding>> bindings, boolean publishAll) {
  public PortConfig {
    Set<String> e = new LinkedHashSet<>();
    if (exposed != null) {
      exposed.forEach(p -> e.add(key(p)));
    }
    exposed = Collections.unmodifiableSet(e);
    Map<String, List<PortBinding>> b = new LinkedHashMap<>();
    if (bindings != null) {
      bindings.forEach((k, v) -> b.put(key(k), v == null ? List.of() : List.copyOf(v)));
    }
    bindings = Collections.unmodifiableMap(b);
  }

  /** {@code 80} is {@code 80/tcp}. */
  public static String key(String port) {
    return port.contains("/") ? port : port + "/tcp";
  }

  /** The same with the image's exposed ports (its era port specs, {@code 80} or {@code 4500:80}) added. */
  PortConfig withImagePorts(List<String> portSpecs) {
    if (portSpecs == null || portSpecs.isEmpty()) {
      return this;
    }
    Set<String> all = new LinkedHashSet<>(exposed);
    for (String spec : portSpecs) {
      all.add(key(spec.substring(spec.lastIndexOf(':') + 1)));
    }
    return new PortConfig(all, bindings, publishAll);
  }
}
