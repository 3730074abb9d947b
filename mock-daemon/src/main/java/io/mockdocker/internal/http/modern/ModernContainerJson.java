package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerHealth;
import io.mockdocker.internal.engine.ContainerState;
import io.mockdocker.internal.engine.CreateExtras;
import io.mockdocker.internal.engine.HostConfig;
import io.mockdocker.internal.engine.Networks;
import io.mockdocker.internal.engine.Resources;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.registry.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A container as the modern API prints it: the list summary and the inspect document. */
final class ModernContainerJson {
  /** The ID the default bridge network shows. */
  static final String BRIDGE_NETWORK_ID = "b7a7b6c1d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";

  private ModernContainerJson() {}

  /** One {@code ContainerSummary}; sizes only when asked for ({@code sizes} non-null). */
  static ObjectNode summary(Container c, long[] sizes, Instant now) {
    return summary(c, sizes, status(c.state(), c.health(), now));
  }

  /** One {@code ContainerSummary} with its status text ({@link #status}) already made. */
  static ObjectNode summary(Container c, long[] sizes, String status) {
    ObjectNode o = GoJson.object();
    o.put("Id", c.id());
    o.set("Names", GoJson.array().add("/" + c.name()));
    o.put("Image", c.config().image());
    o.put("ImageID", "sha256:" + c.image());
    o.put("Command", c.command().stripTrailing());
    o.put("Created", c.created().toEpochSecond());
    o.set("Ports", c.ports() != null ? ModernPorts.summary(c) : ports(c));
    if (sizes != null) {
      o.put("SizeRw", sizes[0]);
      o.put("SizeRootFs", sizes[1]);
    }
    o.set("Labels", labels(c.config()));
    o.put("State", c.state().status());
    o.put("Status", status);
    o.set("HostConfig", GoJson.object().put("NetworkMode", c.hostConfig().networkMode()));
    ObjectNode networks = GoJson.object();
    networks.set("bridge", endpoint(c));
    o.set("NetworkSettings", GoJson.object().set("Networks", networks));
    o.set("Mounts", ModernMounts.points(c));
    return o;
  }

  /** {@code Up 5 seconds}, {@code Up 2 minutes (healthy)}, {@code Exited (0) 2 seconds ago}, {@code Created}. */
  static String status(ContainerState s, ContainerHealth health, Instant now) {
    if (s.running()) {
      String up = "Up " + human(Duration.between(s.startedAt().toInstant(), now));
      if (s.paused()) {
        return up + " (Paused)";
      }
      return health == null ? up : up + " (" + health.describe() + ")";
    }
    if (s.restarting()) {
      return "Restarting (" + s.exitCode() + ") " + human(Duration.between(s.finishedAt().toInstant(), now)) + " ago";
    }
    if (s.startedAt() == null) {
      return "Created";
    }
    Instant finished = s.finishedAt() == null ? now : s.finishedAt().toInstant();
    return "Exited (" + s.exitCode() + ") " + human(Duration.between(finished, now)) + " ago";
  }

  /** go-units' HumanDuration. */
  static String human(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return d.toHours() / 24 / 365 + " years";
  }

  /** The {@code ContainerInspectResponse}. */
  static ObjectNode inspect(Container c, ModernVersion version) {
    ObjectNode o = GoJson.object();
    o.put("Id", c.id());
    o.put("Created", ModernTimes.utc(c.created()));
    o.put("Path", c.path());
    ArrayNode args = o.putArray("Args");
    c.args().forEach(args::add);
    ContainerState s = c.state();
    ObjectNode state = o.putObject("State");
    state.put("Status", s.status());
    state.put("Running", s.running() || s.restarting()); // the daemon counts a restarting container as running
    state.put("Paused", s.paused());
    state.put("Restarting", s.restarting());
    state.put("OOMKilled", false);
    state.put("Dead", false);
    state.put("Pid", s.pid());
    state.put("ExitCode", s.exitCode());
    state.put("Error", s.error());
    state.put("StartedAt", s.startedAt() == null ? GoJson.ZERO_TIME : ModernTimes.utc(s.startedAt()));
    state.put("FinishedAt", s.finishedAt() == null ? GoJson.ZERO_TIME : ModernTimes.utc(s.finishedAt()));
    if (c.health() != null) {
      state.set("Health", ModernHealthJson.state(c.health()));
    }
    o.put("Image", "sha256:" + c.image());
    String dir = "/var/lib/docker/containers/" + c.id() + "/";
    o.put("ResolvConfPath", dir + "resolv.conf");
    o.put("HostnamePath", dir + "hostname");
    o.put("HostsPath", dir + "hosts");
    o.put("LogPath", dir + c.id() + "-json.log");
    o.put("Name", "/" + c.name());
    o.put("RestartCount", c.restartCount());
    o.put("Driver", "vfs");
    o.put("Platform", "linux");
    o.put("MountLabel", "");
    o.put("ProcessLabel", "");
    o.put("AppArmorProfile", "");
    if (c.execIds().isEmpty()) {
      o.putNull("ExecIDs");
    } else {
      ArrayNode execs = o.putArray("ExecIDs");
      c.execIds().forEach(execs::add);
    }
    o.set("HostConfig", hostConfig(c.hostConfig()));
    ((ObjectNode) o.get("HostConfig")).set("PortBindings", ModernPorts.bindings(c));
    ((ObjectNode) o.get("HostConfig")).put("PublishAllPorts", ModernPorts.publishAll(c));
    ObjectNode graph = o.putObject("GraphDriver");
    graph.put("Name", "vfs");
    graph.putNull("Data");
    o.set("Mounts", ModernMounts.points(c));
    o.set("Config", withExtras(withExposed(config(c.config()), ModernPorts.exposed(c)), c.hostConfig().extras()));
    o.set("NetworkSettings", networkSettings(c, version));
    return o;
  }

  private static ObjectNode hostConfig(HostConfig h) {
    ObjectNode o = GoJson.object();
    o.putNull("Binds");
    ObjectNode log = o.putObject("LogConfig");
    log.put("Type", h.logType());
    ObjectNode logConfig = log.putObject("Config");
    h.logConfig().forEach(logConfig::put);
    o.put("NetworkMode", h.networkMode());
    o.set("PortBindings", GoJson.object());
    o.set("RestartPolicy", GoJson.object().put("Name", h.restartPolicy())
        .put("MaximumRetryCount", h.restartMaxRetries()));
    o.put("AutoRemove", h.autoRemove());
    o.putNull("VolumesFrom");
    o.put("PublishAllPorts", false);
    Resources r = h.resources();
    o.put("CpuShares", r.cpuShares());
    o.put("Memory", r.memory());
    o.put("NanoCpus", r.nanoCpus());
    o.put("BlkioWeight", r.blkioWeight());
    o.put("CpuPeriod", r.cpuPeriod());
    o.put("CpuQuota", r.cpuQuota());
    o.put("CpusetCpus", r.cpusetCpus());
    o.put("CpusetMems", r.cpusetMems());
    o.put("MemoryReservation", r.memoryReservation());
    o.put("MemorySwap", r.memorySwap());
    if (r.pidsLimit() == null) {
      o.putNull("PidsLimit");
    } else {
      o.put("PidsLimit", r.pidsLimit());
    }
    ModernMounts.echo(o, h.mounts());
    return ModernHostEcho.print(o, h.echo()); // the rest as sent, and all in the daemon's order
  }

  /**
   * The create body's config members kept beside the config, in their places: {@code Domainname} always,
   * {@code ArgsEscaped} before {@code Image}, {@code NetworkDisabled} and {@code MacAddress} before {@code OnBuild},
   * each of the last three only when set (Go's omitempty).
   */
  private static ObjectNode withExtras(ObjectNode config, CreateExtras extras) {
    ObjectNode o = GoJson.object();
    config.fields().forEachRemaining(e -> {
      if (e.getKey().equals("Image") && extras.argsEscaped()) {
        o.put("ArgsEscaped", true);
      }
      if (e.getKey().equals("OnBuild")) {
        if (extras.networkDisabled()) {
          o.put("NetworkDisabled", true);
        }
        if (!extras.macAddress().isEmpty()) {
          o.put("MacAddress", extras.macAddress());
        }
      }
      o.set(e.getKey(), e.getKey().equals("Domainname") ? o.textNode(extras.domainname()) : e.getValue());
    });
    return o;
  }

  /** {@code Config.ExposedPorts} in its place, after {@code AttachStderr}, when there are any. */
  private static ObjectNode withExposed(ObjectNode config, ObjectNode exposed) {
    if (exposed == null) {
      return config;
    }
    ObjectNode o = GoJson.object();
    config.fields().forEachRemaining(e -> {
      o.set(e.getKey(), e.getValue());
      if (e.getKey().equals("AttachStderr")) {
        o.set("ExposedPorts", exposed);
      }
    });
    return o;
  }

  static ObjectNode config(Config c) {
    ObjectNode o = GoJson.object();
    o.put("Hostname", c.hostname());
    o.put("Domainname", "");
    o.put("User", c.user());
    o.put("AttachStdin", c.attachStdin());
    o.put("AttachStdout", c.attachStdout());
    o.put("AttachStderr", c.attachStderr());
    o.put("Tty", c.tty());
    o.put("OpenStdin", c.openStdin());
    o.put("StdinOnce", c.stdinOnce());
    o.set("Env", strings(c.env()));
    o.set("Cmd", strings(c.cmd()));
    if (c.healthcheck() != null) {
      o.set("Healthcheck", ModernHealthJson.config(c.healthcheck()));
    }
    o.put("Image", c.image());
    if (c.volumes() == null) {
      o.putNull("Volumes");
    } else {
      ObjectNode volumes = o.putObject("Volumes");
      c.volumes().forEach(volumes::putObject);
    }
    o.put("WorkingDir", c.workingDir());
    o.set("Entrypoint", strings(c.entrypoint()));
    o.set("OnBuild", strings(c.onBuild()));
    o.set("Labels", labels(c));
    if (!c.stopSignal().isEmpty()) {
      o.put("StopSignal", c.stopSignal());
    }
    if (c.stopTimeout() != null) {
      o.put("StopTimeout", c.stopTimeout().intValue());
    }
    if (c.shell() != null && !c.shell().isEmpty()) {
      o.set("Shell", strings(c.shell()));
    }
    return o;
  }

  private static ObjectNode networkSettings(Container c, ModernVersion version) {
    var n = c.networkSettings();
    ObjectNode o = GoJson.object();
    o.put("Bridge", "");
    o.put("SandboxID", c.state().running() ? c.id() : "");
    o.put("SandboxKey", c.state().running() ? "/var/run/docker/netns/" + c.id().substring(0, 12) : "");
    o.set("Ports", c.ports() != null ? ModernPorts.networkPorts(c)
        : ports(c).isEmpty() ? GoJson.object() : portMap(n.portMapping()));
    if (version.legacyNetworkFields()) { // below 1.52: the deprecated top-level endpoint fields
      o.put("LinkLocalIPv6Address", "");
      o.put("LinkLocalIPv6PrefixLen", 0);
      o.putNull("SecondaryIPAddresses");
      o.putNull("SecondaryIPv6Addresses");
      o.put("EndpointID", n.ipAddress().isEmpty() ? "" : c.id());
      o.put("Gateway", n.gateway());
      o.put("GlobalIPv6Address", "");
      o.put("GlobalIPv6PrefixLen", 0);
      o.put("IPAddress", n.ipAddress());
      o.put("IPPrefixLen", n.ipPrefixLen());
      o.put("IPv6Gateway", "");
      o.put("MacAddress", bridgeMac(c));
    }
    ObjectNode networks = o.putObject("Networks");
    networks.set("bridge", endpoint(c));
    return o;
  }

  private static ObjectNode endpoint(Container c) {
    var n = c.networkSettings();
    ObjectNode e = GoJson.object();
    e.putNull("IPAMConfig");
    e.putNull("Links");
    e.putNull("Aliases");
    e.put("MacAddress", bridgeMac(c));
    e.putNull("DriverOpts");
    e.put("GwPriority", 0);
    e.put("NetworkID", n.ipAddress().isEmpty() ? "" : BRIDGE_NETWORK_ID);
    e.put("EndpointID", n.ipAddress().isEmpty() ? "" : c.id());
    e.put("Gateway", n.gateway());
    e.put("IPAddress", n.ipAddress());
    e.put("IPPrefixLen", n.ipPrefixLen());
    e.put("IPv6Gateway", "");
    e.put("GlobalIPv6Address", "");
    e.put("GlobalIPv6PrefixLen", 0);
    e.putNull("DNSNames");
    return e;
  }

  /**
   * The MAC of a running container's default bridge endpoint: the one its create asked for (the container-wide
   * {@code MacAddress}, kept for the bridge), else the one derived from its address; {@code ""} when it does not run.
   */
  static String bridgeMac(Container c) {
    String ip = c.networkSettings().ipAddress();
    if (ip.isEmpty()) {
      return "";
    }
    String desired = c.hostConfig().extras().macAddress();
    return desired.isEmpty() ? Networks.mac(ip) : desired;
  }

  private static ArrayNode ports(Container c) {
    ArrayNode a = GoJson.array();
    Map<String, String> mapping = c.networkSettings().portMapping();
    if (mapping != null) {
      new java.util.TreeMap<>(mapping).forEach((priv, pub) -> a.addObject().put("IP", "0.0.0.0")
          .put("PrivatePort", Integer.parseInt(priv)).put("PublicPort", Integer.parseInt(pub)).put("Type", "tcp"));
    }
    return a;
  }

  private static ObjectNode portMap(Map<String, String> mapping) {
    ObjectNode o = GoJson.object();
    new java.util.TreeMap<>(mapping).forEach((priv, pub) -> o.set(priv + "/tcp",
        GoJson.array().add(GoJson.object().put("HostIp", "0.0.0.0").put("HostPort", pub))));
    return o;
  }

  static JsonNode labels(Config c) {
    ObjectNode o = GoJson.object();
    if (c.labels() != null) {
      c.labels().forEach(o::put);
    }
    return o;
  }

  static JsonNode strings(List<String> list) {
    if (list == null) {
      return GoJson.MAPPER.nullNode();
    }
    ArrayNode a = GoJson.array();
    list.forEach(a::add);
    return a;
  }
}
