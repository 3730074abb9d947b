package io.mockdocker.internal.engine;

import java.util.List;

/**
 * One container's endpoint on a network: its endpoint ID, MAC and address (with the network's prefix length and
 * gateway), the aliases the client asked for, the address it asked for ({@code ""} when none) and the names the
 * daemon's resolver would have answered for it (no resolver is simulated).
 */
public record NetworkEndpoint(String networkId, String networkName, String containerId, String containerName,
    String endpointId, String macAddress, String ipAddress, int prefixLen, String gateway, List<String> aliases,
    String requestedIp, List<String> dnsNames) {

  public NetworkEndpoint {
    aliases = List.copyOf(aliases);
    dnsNames = List.copyOf(dnsNames);
  }
}
