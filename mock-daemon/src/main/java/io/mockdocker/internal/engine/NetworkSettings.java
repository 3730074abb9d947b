package io.mockdocker.internal.engine;

import java.util.Map;

/**
 * A container's NetworkSettings: all empty with a {@code null} port mapping unless it runs; while it runs, an address
 * on the fake bridge and {@code private port -> public port}.
 */
public record NetworkSettings(String ipAddress, int ipPrefixLen, String gateway, String bridge,
    Map<String, String> portMapping) {
  static final NetworkSettings NONE = new NetworkSettings("", 0, "", "", null);

  /** The list form, {@code "49153->22, 49154->80"}: public->private pairs, sorted, comma-joined. */
  public String portsHuman() {
    if (portMapping == null || portMapping.isEmpty()) {
      return "";
    }
    return portMapping.entrySet().stream()
        .map(e -> e.getValue() + "->" + e.getKey())
        .sorted()
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }
}
