package io.mockdocker.internal.engine;

/**
 * What a create may ask for: no predefined name, no swarm ({@code overlay}), a local driver ({@code bridge},
 * {@code macvlan}, {@code ipvlan}; another {@code host} or {@code null} network is refused, any other driver is a
 * plugin this daemon does not have).
 */
final class NetworkDrivers {
  private NetworkDrivers() {}

  static void check(NetworkCreate request) {
    String name = request.name();
    if (name.equals(Networks.BRIDGE) || name.equals(Networks.HOST) || name.equals(Networks.NONE)
        || name.equals("default")) {
      throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
          "operation is not permitted on predefined " + name + " network ");
    }
    switch (request.driver()) {
      case "bridge", "macvlan", "ipvlan" -> { }
      case "overlay" -> throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN, "This node is not a swarm manager. "
          + "Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.");
      case "host", "null" -> throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
          "only one instance of \"" + request.driver() + "\" network is allowed");
      default -> throw new NetworkRefused(NetworkRefused.Kind.NOT_FOUND,
          "plugin \"" + request.driver() + "\" not found");
    }
  }
}
