package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's networks: the predefined {@code bridge} (the fake bridge's subnet), {@code host} and {@code none}, and
 * the networks clients create, with an endpoint (ID, MAC, an address from the subnet) for each container attached.
 * A container has endpoints while it runs: they are made at its start (or at a connect while it runs) and released
 * when its process exits, the networks then wanted again for its next start. Events are emitted
 * outside this object's lock. Thread-safe. Obtained from {@link Engine#networks()}.
 */
public final class Networks {
  public static final String BRIDGE = "bridge";
  public static final String HOST = "host";
  public static final String NONE = "none";
  static final String BRIDGE_ID = "b7a7b6c1d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";
  static final String HOST_ID = "0a6d0c3f2e1b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5";
  static final String NONE_ID = "5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d";

  private final Ids ids;
  private final Clock clock;
  private final Events events;
  private final Function<String, Container> containers;
  private final Map<String, NetworkState> byId = new LinkedHashMap<>();
  private final Map<String, List<Wanted>> wanted = new LinkedHashMap<>();

  /** A network a container asked for at create, joined at its start: name or ID, aliases, address or {@code ""}. */
  public record Wanted(String network, List<String> aliases, String ipv4Address) {
    public Wanted {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
      ipv4Address = ipv4Address == null ? "" : ipv4Address;
    }
  }

  Networks(Ids ids, Clock clock, Events events, Function<String, Container> containers) {
    this.ids = ids;
    this.clock = clock;
    this.events = events;
    this.containers = containers;
    OffsetDateTime start = clock.now().atOffset(ZoneOffset.UTC);
    predefine(BRIDGE_ID, BRIDGE, BRIDGE, start, "172.16.42.0/24", Bridge.GATEWAY);
    predefine(HOST_ID, HOST, HOST, start, "", "");
    predefine(NONE_ID, NONE, "null", start, "", "");
    events.subscribe(e -> {
      if (e.type().equals("container") && e.action().equals("destroy")) {
        detachAll(e.actorId());
      } else if (e.type().equals("container") && e.action().equals("die")) {
        leave(e.actorId());
      }
    });
  }

  private void predefine(String id, String name, String driver, OffsetDateTime created, String subnet,
      String gateway) {
    NetworkState s = new NetworkState();
    s.network = new Network(id, name, driver, created, true, false, false, false, Map.of(), Map.of(), subnet, gateway,
        List.of());
    byId.put(id, s);
  }

  /** Every network, the predefined ones first, then by creation. */
  public synchronized List<Network> list() {
    return byId.values().stream().map(NetworkState::snapshot).toList();
  }

  /** By full ID, full name, then unique ID prefix; {@code network X not found} otherwise. */
  public synchronized Network inspect(String term) {
    return find(term).snapshot();
  }

  /** Whether {@code term} names a network (as {@link #inspect} would find it). */
  public synchronized boolean exists(String term) {
    return lookup(term).isPresent();
  }

  private NetworkState find(String term) {
    return lookup(term).orElseThrow(() -> new NetworkRefused(NetworkRefused.Kind.NOT_FOUND,
        "network " + term + " not found"));
  }

  private Optional<NetworkState> lookup(String term) {
    if (term == null || term.isEmpty()) {
      return Optional.empty();
    }
    NetworkState exact = byId.get(term);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<NetworkState> named = byId.values().stream().filter(s -> s.network.name().equals(term)).toList();
    if (named.size() == 1) {
      return Optional.of(named.get(0));
    }
    List<NetworkState> prefixed = byId.values().stream().filter(s -> s.network.id().startsWith(term)).toList();
    if (prefixed.size() > 1) {
      throw new NetworkRefused(NetworkRefused.Kind.INVALID,
          "network " + term + " is ambiguous (" + prefixed.size() + " matches found based on ID prefix)");
    }
    return prefixed.stream().findFirst();
  }

  /** Creates a network; a predefined name or a name in use is refused as the daemon refused it. */
  public Network create(NetworkCreate request) {
    Network created;
    synchronized (this) {
      String name = request.name();
      NetworkDrivers.check(request);
      if (byId.values().stream().anyMatch(s -> s.network.name().equals(name))) {
        throw new NetworkRefused(NetworkRefused.Kind.CONFLICT, "network with name " + name + " already exists");
      }
      List<int[]> taken = byId.values().stream().filter(s -> s.subnet != null).map(s -> s.subnet).toList();
      int[] subnet = null;
      String gatewayText = "";
      for (String[] pool : request.pools()) {
        if (pool[0] != null && !pool[0].isEmpty()) {
          subnet = Subnets.parse(pool[0]);
          gatewayText = pool[1] == null ? "" : pool[1];
          break;
        }
      }
      if (subnet == null) {
        subnet = Subnets.allocate(taken);
      } else {
        int[] wanted = subnet;
        if (taken.stream().anyMatch(t -> Subnets.overlaps(t, wanted))) {
          throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN, "invalid pool request: "
              + "Pool overlaps with other one on this address space");
        }
      }
      int gateway = gatewayText.isEmpty() ? subnet[0] + 1 : Subnets.address(gatewayText, gatewayText);
      if ((gateway & Subnets.mask(subnet[1])) != subnet[0]) {
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
            "no matching subnet for gateway " + gatewayText);
      }
      NetworkState s = new NetworkState();
      s.subnet = subnet;
      s.gateway = gateway;
      s.used.set(gateway - subnet[0]);
      s.network = new Network(ids.next(), name, request.driver(), clock.now().atOffset(ZoneOffset.UTC), false,
          request.internal(), request.attachable(), request.enableIpv6(), request.labels(), request.options(),
          Subnets.cidr(subnet), Subnets.dotted(gateway), List.of());
      byId.put(s.network.id(), s);
      created = s.snapshot();
    }
    emit(created, "create", Map.of());
    return created;
  }

  /**
   * Attaches a container (by name or ID) to a created network with these aliases and, when not empty, this address:
   * a running container gets its endpoint now, one that does not run joins at its next start (empty). The
   * predefined networks take no explicit connections here.
   */
  public Optional<NetworkEndpoint> connect(String term, String container, List<String> aliases,
      String ipv4Address) {
    return connect(term, containers.apply(container), aliases, ipv4Address, false);
  }

  private Optional<NetworkEndpoint> connect(String term, Container c, List<String> aliases, String ipv4Address,
      boolean starting) {
    NetworkEndpoint endpoint;
    Network network;
    synchronized (this) {
      NetworkState s = find(term);
      if (s.network.predefined()) {
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN, s.network.name().equals(BRIDGE)
            ? "mock-docker: connecting a container to the predefined bridge network is not simulated"
            : "container cannot be disconnected from host network or connected to host network");
      }
      if (s.endpoints.containsKey(c.id()) || !starting && wantedIndex(c.id(), s) >= 0) {
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
            "endpoint with name " + c.name() + " already exists in network " + s.network.name());
      }
      if (!starting && !c.state().running()) {
        List<Wanted> wants = new ArrayList<>(wanted.getOrDefault(c.id(), List.of()));
        wants.add(new Wanted(s.network.id(), aliases, ipv4Address));
        wanted.put(c.id(), wants);
        return Optional.empty();
      }
      int offset = s.offset(ipv4Address == null ? "" : ipv4Address);
      s.used.set(offset);
      String ip = Subnets.dotted(s.subnet[0] + offset);
      List<String> dns = new ArrayList<>();
      dns.add(c.name());
      aliases.stream().filter(a -> !dns.contains(a)).forEach(dns::add);
      for (String extra : List.of(c.shortId(), c.config().hostname())) {
        if (!extra.isEmpty() && !dns.contains(extra)) {
          dns.add(extra);
        }
      }
      endpoint = new NetworkEndpoint(s.network.id(), s.network.name(), c.id(), c.name(), ids.next(), mac(ip), ip,
          s.subnet[1], s.network.gateway(), aliases, ipv4Address == null ? "" : ipv4Address, dns);
      s.endpoints.put(c.id(), endpoint);
      network = s.network;
    }
    emit(network, "connect", Map.of("container", c.id()));
    return Optional.of(endpoint);
  }

  /** Where the container's wanted list names this network, or -1. */
  private int wantedIndex(String containerId, NetworkState s) {
    List<Wanted> wants = wanted.getOrDefault(containerId, List.of());
    for (int i = 0; i < wants.size(); i++) {
      Optional<NetworkState> named = lookupQuietly(wants.get(i).network());
      if (named.isPresent() && named.get() == s) {
        return i;
      }
    }
    return -1;
  }

  private Optional<NetworkState> lookupQuietly(String term) {
    try {
      return lookup(term);
    } catch (NetworkRefused ambiguous) {
      return Optional.empty();
    }
  }

  /** After a start that failed once the container had joined: its endpoints are released as at an exit. */
  public void startFailed(String containerId) {
    leave(containerId);
  }

  /** At a container's exit: its endpoints are released and the networks wanted again for its next start. */
  private void leave(String containerId) {
    List<Network> left = new ArrayList<>();
    synchronized (this) {
      List<Wanted> wants = new ArrayList<>(wanted.getOrDefault(containerId, List.of()));
      for (NetworkState s : byId.values()) {
        NetworkEndpoint e = s.endpoints.remove(containerId);
        if (e != null) {
          s.release(e);
          wants.add(new Wanted(s.network.id(), e.aliases(), e.requestedIp()));
          left.add(s.network);
        }
      }
      if (!wants.isEmpty()) {
        wanted.put(containerId, wants);
      }
    }
    left.forEach(n -> emit(n, "disconnect", Map.of("container", containerId)));
  }

  /** The MAC the daemon derived from an address: {@code 02:42} and the four octets. */
  public static String mac(String ip) {
    StringBuilder sb = new StringBuilder(17).append("02:42");
    for (String p : ip.split("\\.")) {
      int b = Integer.parseInt(p) & 0xff;
      sb.append(':').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Detaches a container from a created network. */
  public void disconnect(String term, String container) {
    Container c = containers.apply(container);
    Network network;
    synchronized (this) {
      NetworkState s = find(term);
      NetworkEndpoint e = s.endpoints.remove(c.id());
      int index = wantedIndex(c.id(), s);
      if (e == null && index >= 0) {
        List<Wanted> wants = new ArrayList<>(wanted.get(c.id()));
        wants.remove(index);
        wanted.put(c.id(), wants);
        return;
      }
      if (e == null) {
        throw new NetworkRefused(NetworkRefused.Kind.SYSTEM,
            "container " + c.id() + " is not connected to network " + s.network.name());
      }
      s.release(e);
      network = s.network;
    }
    emit(network, "disconnect", Map.of("container", c.id()));
  }

  /** The endpoints of one container on created networks, by network name. */
  public synchronized List<NetworkEndpoint> endpointsOf(String containerId) {
    List<NetworkEndpoint> out = new ArrayList<>();
    for (NetworkState s : byId.values()) {
      NetworkEndpoint e = s.endpoints.get(containerId);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Records the created networks a new container asked for (its network mode and its endpoint configurations);
   * they need not exist yet, as the daemon looked them up only when the container started.
   */
  public synchronized void want(String containerId, List<Wanted> networks) {
    if (!networks.isEmpty()) {
      wanted.put(containerId, List.copyOf(networks));
    }
  }

  /** The networks a container asked for at create and has not joined yet. */
  public synchronized List<Wanted> wantedBy(String containerId) {
    return wanted.getOrDefault(containerId, List.of());
  }

  /**
   * Before a start: joins the networks the container asked for; one that does not exist fails the start with
   * {@code failed to set up container networking: network X not found}, and the container stays as it was.
   */
  public void join(String containerId) {
    List<Wanted> wants;
    synchronized (this) {
      wants = wanted.getOrDefault(containerId, List.of());
      for (Wanted w : wants) {
        if (lookup(w.network()).isEmpty()) {
          throw new NetworkRefused(NetworkRefused.Kind.NOT_FOUND,
              "failed to set up container networking: network " + w.network() + " not found");
        }
      }
      wanted.remove(containerId);
    }
    if (wants.isEmpty()) {
      return;
    }
    Container c = containers.apply(containerId);
    for (Wanted w : wants) {
      String id = inspect(w.network()).id();
      if (endpointsOf(containerId).stream().noneMatch(e -> e.networkId().equals(id))) {
        connect(id, c, w.aliases(), w.ipv4Address(), true);
      }
    }
  }

  private void detachAll(String containerId) {
    List<Network> left = new ArrayList<>();
    synchronized (this) {
      wanted.remove(containerId);
      for (NetworkState s : byId.values()) {
        NetworkEndpoint e = s.endpoints.remove(containerId);
        if (e != null) {
          s.release(e);
          left.add(s.network);
        }
      }
    }
    left.forEach(n -> emit(n, "disconnect", Map.of("container", containerId)));
  }

  /** Removes a created network without endpoints. */
  public void remove(String term) {
    Network gone;
    synchronized (this) {
      NetworkState s = find(term);
      if (s.network.predefined()) {
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
            s.network.name() + " is a pre-defined network and cannot be removed");
      }
      if (!s.endpoints.isEmpty()) {
        List<String> eps = s.endpoints.values().stream()
            .map(e -> "name:\"" + e.containerName() + "\" id:\"" + Ids.shortId(e.endpointId()) + "\"").toList();
        throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN, "error while removing network: network "
            + s.network.name() + " has active endpoints (" + String.join(", ", eps) + ")");
      }
      byId.remove(s.network.id());
      gone = s.network;
    }
    emit(gone, "destroy", Map.of());
  }

  /**
   * Removes every created network without endpoints that {@code selected} accepts, then logs the daemon's
   * {@code prune} event; returns the removed networks' names.
   */
  public List<String> prune(java.util.function.Predicate<Network> selected) {
    List<Network> gone = new ArrayList<>();
    synchronized (this) {
      for (NetworkState s : List.copyOf(byId.values())) {
        if (!s.network.predefined() && s.endpoints.isEmpty() && selected.test(s.network)) {
          byId.remove(s.network.id());
          gone.add(s.network);
        }
      }
    }
    gone.forEach(n -> emit(n, "destroy", Map.of()));
    events.emit("network", "prune", "", Map.of("reclaimed", "0"));
    return gone.stream().map(Network::name).toList();
  }

  private void emit(Network n, String action, Map<String, String> extra) {
    Map<String, String> attributes = new LinkedHashMap<>(extra);
    attributes.put("name", n.name());
    attributes.put("type", n.driver());
    events.emit("network", action, n.id(), attributes);
  }
}
