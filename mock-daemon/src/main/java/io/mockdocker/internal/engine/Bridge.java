package io.mockdocker.internal.engine;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fake {@code docker0} bridge: addresses from 172.16.42.0/24 (the first network v0.4.4 tried), gateway
 * 172.16.42.1, and public ports from 49153 up. Not thread-safe; the engine guards it.
 */
final class Bridge {
  static final String NAME = "docker0";
  static final String GATEWAY = "172.16.42.1";
  static final int PREFIX_LEN = 24;
  static final int PORT_RANGE_START = 49153;
  static final int PORT_RANGE_END = 65535;

  private final BitSet hosts = new BitSet(256);
  private final TreeSet<Integer> ports = new TreeSet<>();
  private int nextPort = PORT_RANGE_START;

  /** A lease: an address and the ports it holds. */
  record Lease(int host, List<Integer> publicPorts, NetworkSettings settings) {}

  /** Allocates an address and a public port per spec ({@code "22"}, {@code "80:4500"}, {@code ":22"}). */
  Lease allocate(List<String> portSpecs) {
    int host = hosts.nextClearBit(2);
    if (host > 254) {
      throw new DockerException("No more IP addresses available on " + NAME);
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    java.util.ArrayList<Integer> taken = new java.util.ArrayList<>();
    try {
      for (String spec : portSpecs == null ? List.<String>of() : portSpecs) {
        int[] nat = parse(spec);
        int frontend = nat[0] == 0 ? allocatePort() : reserve(nat[0]);
        taken.add(frontend);
        mapping.put(Integer.toString(nat[1]), Integer.toString(frontend));
      }
    } catch (DockerException e) {
      taken.forEach(ports::remove);
      throw e;
    }
    hosts.set(host);
    return new Lease(host, taken, new NetworkSettings("172.16.42." + host, PREFIX_LEN, GATEWAY, NAME, mapping));
  }

  void release(Lease lease) {
    hosts.clear(lease.host());
    lease.publicPorts().forEach(ports::remove);
  }

  /** {frontend (0 = allocate), backend}. */
  private static int[] parse(String spec) {
    String[] parts = spec.split(":", -1);
    try {
      if (parts.length == 1) {
        return new int[] {0, Integer.parseInt(parts[0])};
      }
      if (parts.length == 2) {
        int backend = Integer.parseInt(parts[1]);
        return new int[] {parts[0].isEmpty() ? backend : Integer.parseInt(parts[0]), backend};
      }
    } catch (NumberFormatException e) {
      String bad = parts.length == 1 ? parts[0] : (parts[0].isEmpty() ? parts[1] : parts[0]);
      throw new DockerException("strconv.ParseInt: parsing \"" + bad + "\": invalid syntax");
    }
    throw new DockerException("Invalid port format.");
  }

  private int allocatePort() {
    for (int i = 0; i <= PORT_RANGE_END - PORT_RANGE_START; i++) {
      int port = nextPort;
      nextPort = nextPort >= PORT_RANGE_END - 1 ? PORT_RANGE_START : nextPort + 1;
      if (ports.add(port)) {
        return port;
      }
    }
    throw new DockerException("No more ports available");
  }

  private int reserve(int port) {
    if (!ports.add(port)) {
      throw new DockerException("Port " + port + " is already in use");
    }
    return port;
  }
}
