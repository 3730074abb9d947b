package io.mockdocker.internal.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;

/**
 * Published ports: at each start, a container's bindings (and, with publish-all, its exposed ports) become real
 * listeners on the daemon's own address (loopback unless the daemon was started on another), whatever host address
 * the binding names; an empty host port is one the system picks. A host port another running container holds fails
 * the start as the daemon's port allocator did. Thread-safe.
 */
public final class Ports {
  private final ExecutorService threads;
  private final Set<Integer> allocated = new HashSet<>();
  private final Set<PortListeners> open = new HashSet<>();
  private volatile InetAddress address = InetAddress.getLoopbackAddress();

  Ports(ExecutorService threads) {
    this.threads = threads;
  }

  /** Listen where the daemon was started: loopback stays loopback, any other address is used as it is. */
  public void listenOn(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      this.address = a.isLoopbackAddress() ? InetAddress.getLoopbackAddress() : a;
    } catch (java.net.UnknownHostException e) {
      this.address = InetAddress.getLoopbackAddress();
    }
  }

  /** Opens a run's listeners; {@code name}, {@code endpoint} and {@code containerIp} word the failures. */
  PortListeners open(PortConfig config, String name, String endpoint, String containerIp) {
    Map<String, List<PortBinding>> wanted = new TreeMap<>(config.bindings());
    if (config.publishAll()) {
      for (String port : config.exposed()) {
        List<PortBinding> b = wanted.get(port);
        if (b == null || b.isEmpty()) {
          wanted.put(port, List.of(new PortBinding("", "")));
        }
      }
    }
    PortListeners set = new PortListeners(threads);
    try {
      for (Map.Entry<String, List<PortBinding>> e : wanted.entrySet()) {
        for (PortBinding b : e.getValue()) {
          int hostPort = bind(set, e.getKey(), b, name, endpoint, containerIp);
          if (b.hostIp().isEmpty()) {
            set.publish(new PublishedPort(e.getKey(), "0.0.0.0", hostPort));
            set.publish(new PublishedPort(e.getKey(), "::", hostPort));
          } else {
            set.publish(new PublishedPort(e.getKey(), b.hostIp(), hostPort));
          }
        }
      }
    } catch (RuntimeException e) {
      close(set);
      throw e;
    }
    synchronized (this) {
      open.add(set);
    }
    return set;
  }

  private int bind(PortListeners set, String port, PortBinding b, String name, String endpoint, String ip) {
    int[] range = range(b.hostPort());
    boolean tcp = port.endsWith("/tcp");
    PortRefused last = null;
    for (int p = range[0]; p <= range[1]; p++) {
      synchronized (this) {
        if (p != 0 && tcp && allocated.contains(p)) {
          last = refused(name, endpoint, "Bind for " + (b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp()) + ":" + p
              + " failed: port is already allocated");
          continue;
        }
        try {
          if (tcp) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            try {
              server.bind(new InetSocketAddress(address, p), 50);
            } catch (IOException ex) {
              server.close();
              throw ex;
            }
            allocated.add(server.getLocalPort());
            set.addTcp(server, port);
            return server.getLocalPort();
          }
          DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, p));
          set.addOther(udp);
          return udp.getLocalPort();
        } catch (BindException ex) {
          last = refused(name, endpoint, "failed to bind host port for " + (b.hostIp().isEmpty() ? "0.0.0.0"
              : b.hostIp()) + ":" + p + ":" + ip + ":" + port + ": address already in use");
        } catch (IOException ex) {
          throw new PortRefused("failed to set up container networking: " + ex.getMessage());
        }
      }
    }
    throw last;
  }

  private static PortRefused refused(String name, String endpoint, String why) {
    return new PortRefused("failed to set up container networking: driver failed programming external "
        + "connectivity on endpoint " + name + " (" + endpoint + "): " + why);
  }

  /** {@code ""} is {0, 0}; {@code 8080} is {8080, 8080}; {@code 8000-8010} is {8000, 8010}. */
  private static int[] range(String hostPort) {
    if (hostPort.isEmpty()) {
      return new int[] {0, 0};
    }
    try {
      int dash = hostPort.indexOf('-');
      if (dash < 0) {
        int p = Integer.parseInt(hostPort);
        return new int[] {p, p};
      }
      return new int[] {Integer.parseInt(hostPort.substring(0, dash)), Integer.parseInt(hostPort.substring(dash + 1))};
    } catch (NumberFormatException e) {
      throw new PortRefused("invalid port range: " + hostPort);
    }
  }

  /** Closes a run's listeners and frees their host ports. */
  void close(PortListeners set) {
    set.close();
    synchronized (this) {
      open.remove(set);
      allocated.removeAll(set.hostPorts());
    }
  }

  /** Closes every listener (the engine is closing). */
  void closeAll() {
    List<PortListeners> all;
    synchronized (this) {
      all = new ArrayList<>(open);
    }
    all.forEach(this::close);
  }
}
