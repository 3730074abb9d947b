package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** One network's mutable state inside {@link Networks}: its record, subnet, used addresses and endpoints. */
final class NetworkState {
  Network network;
  int[] subnet;
  int gateway;
  final BitSet used = new BitSet();
  final Map<String, NetworkEndpoint> endpoints = new LinkedHashMap<>();

  Network snapshot() {
    return new Network(network.id(), network.name(), network.driver(), network.created(), network.predefined(),
        network.internal(), network.attachable(), network.enableIpv6(), network.labels(), network.options(),
        network.subnet(), network.gateway(), new ArrayList<>(endpoints.values()));
  }

  /** The host offset of the address asked for, or of the first free one after the gateway. */
  int offset(String wanted) {
    int size = 1 << (32 - subnet[1]);
    if (!wanted.isEmpty()) {
      int a = Subnets.address(wanted, wanted);
      int offset = a - subnet[0];
      if ((a & Subnets.mask(subnet[1])) != subnet[0]) {
        throw new NetworkRefused(NetworkRefused.Kind.INVALID, "no configured subnet contains IP address " + wanted);
      }
      if (used.get(offset)) {
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN, "Address already in use");
      }
      return offset;
    }
    int offset = used.nextClearBit(1);
    if (offset >= size - 1) {
      throw new NetworkRefused(NetworkRefused.Kind.SYSTEM, "no available IPv4 addresses on this network's address "
          + "pools: " + network.name() + " (" + network.id() + ")");
    }
    return offset;
  }

  void release(NetworkEndpoint e) {
    used.clear(Subnets.address(e.ipAddress(), e.ipAddress()) - subnet[0]);
  }
}
