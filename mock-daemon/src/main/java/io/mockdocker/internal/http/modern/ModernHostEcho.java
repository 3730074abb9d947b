package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of a create body's {@code HostConfig} that the engine does not act on (capabilities, DNS, namespaces,
 * devices, ulimits, sysctls, ...): kept as sent, checked as the daemon checked them, and printed back by inspect in
 * the daemon's member order with the values the daemon filled in for those not sent.
 */
final class ModernHostEcho {
  /** Every {@code HostConfig} member in the order the daemon printed them. */
  static final List<String> ORDER = List.of("Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings",
      "RestartPolicy", "AutoRemove", "VolumeDriver", "VolumesFrom", "ConsoleSize", "Annotations", "CapAdd",
      "CapDrop", "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup",
      "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts", "ReadonlyRootfs", "SecurityOpt",
      "StorageOpt", "Tmpfs", "UTSMode", "UsernsMode", "ShmSize", "Sysctls", "Runtime", "Isolation", "CpuShares",
      "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps",
      "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota",
      "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems", "Devices", "DeviceCgroupRules",
      "DeviceRequests", "KernelMemory", "KernelMemoryTCP", "MemoryReservation", "MemorySwap", "MemorySwappiness",
      "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth",
      "Mounts", "MaskedPaths", "ReadonlyPaths", "Init");

  /** What the JSON value of a kept member must be. */
  private enum Kind { STRING, BOOL, INT, STRINGS, MAP, OBJECTS, PAIR }

  /** A kept member: its kind and what inspect shows when it was not sent ({@code null}: nothing, Go's omitempty). */
  private record Member(Kind kind, String zero) {}

  private static final Map<String, Member> KEPT = new LinkedHashMap<>();

  static {
    keep(Kind.STRING, "\"\"", "ContainerIDFile", "VolumeDriver", "Cgroup", "PidMode", "UTSMode", "UsernsMode",
        "Isolation", "CgroupParent");
    keep(Kind.PAIR, "[0,0]", "ConsoleSize");
    keep(Kind.MAP, null, "Annotations", "StorageOpt", "Sysctls");
    keep(Kind.STRINGS, "null", "CapAdd", "CapDrop", "ExtraHosts", "GroupAdd", "Links", "SecurityOpt",
        "DeviceCgroupRules");
    keep(Kind.STRINGS, "[]", "Dns", "DnsOptions", "DnsSearch");
    keep(Kind.STRING, "\"private\"", "CgroupnsMode", "IpcMode");
    keep(Kind.INT, "0", "OomScoreAdj", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpuCount", "CpuPercent",
        "IOMaximumIOps", "IOMaximumBandwidth");
    keep(Kind.BOOL, "false", "Privileged", "ReadonlyRootfs", "OomKillDisable");
    keep(Kind.INT, "67108864", "ShmSize");
    keep(Kind.STRING, "\"runc\"", "Runtime");
    keep(Kind.OBJECTS, "null", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
        "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Devices", "DeviceRequests", "Ulimits");
    keep(Kind.INT, null, "KernelMemory", "KernelMemoryTCP");
    keep(Kind.INT, "null", "MemorySwappiness");
    keep(Kind.STRINGS, "null", "MaskedPaths", "ReadonlyPaths");
    keep(Kind.BOOL, null, "Init");
  }

  /** The members of the objects in the kept lists, in the order dockerd printed them, with their zero values. */
  private static final Map<String, List<String[]>> SHAPES = Map.of(
      "Ulimits", List.of(new String[] {"Name", "\"\""}, new String[] {"Hard", "0"}, new String[] {"Soft", "0"}),
      "Devices", List.of(new String[] {"PathOnHost", "\"\""}, new String[] {"PathInContainer", "\"\""},
          new String[] {"CgroupPermissions", "\"\""}),
      "BlkioWeightDevice", List.of(new String[] {"Path", "\"\""}, new String[] {"Weight", "0"}),
      "BlkioDeviceReadBps", throttle(), "BlkioDeviceWriteBps", throttle(), "BlkioDeviceReadIOps", throttle(),
      "BlkioDeviceWriteIOps", throttle(),
      "DeviceRequests", List.of(new String[] {"Driver", "\"\""}, new String[] {"Count", "0"},
          new String[] {"DeviceIDs", "null"}, new String[] {"Capabilities", "null"}, new String[] {"Options", "null"}));

  /** The Go element types of the kept lists of objects, as the decoder named them. */
  private static final Map<String, String> ELEMENT_TYPES = Map.of("Ulimits", "*container.Ulimit",
      "Devices", "container.DeviceMapping", "BlkioWeightDevice", "*blkiodev.WeightDevice",
      "BlkioDeviceReadBps", "*blkiodev.ThrottleDevice", "BlkioDeviceWriteBps", "*blkiodev.ThrottleDevice",
      "BlkioDeviceReadIOps", "*blkiodev.ThrottleDevice", "BlkioDeviceWriteIOps", "*blkiodev.ThrottleDevice",
      "DeviceRequests", "container.DeviceRequest");

  private static List<String[]> throttle() {
    return List.of(new String[] {"Path", "\"\""}, new String[] {"Rate", "0"});
  }

  /** The paths the daemon masked and made read-only in a container that is not privileged. */
  private static final String MASKED = "[\"/proc/asound\",\"/proc/acpi\",\"/proc/interrupts\",\"/proc/kcore\","
      + "\"/proc/keys\",\"/proc/latency_stats\",\"/proc/timer_list\",\"/proc/timer_stats\",\"/proc/sched_debug\","
      + "\"/proc/scsi\",\"/sys/firmware\",\"/sys/devices/virtual/powercap\"]";
  private static final String READ_ONLY = "[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\","
      + "\"/proc/sysrq-trigger\"]";

  /** The log drivers a Linux daemon had built in. */
  private static final Set<String> LOG_DRIVERS = Set.of("none", "json-file", "local", "syslog", "journald", "gelf",
      "fluentd", "awslogs", "splunk", "gcplogs");

  private ModernHostEcho() {}

  private static void keep(Kind kind, String zero, String... names) {
    for (String n : names) {
      KEPT.put(n, new Member(kind, zero));
    }
  }

  /**
   * The kept members of a create body's {@code HostConfig} that were sent (not {@code null}), as JSON text in the
   * order sent; a value of the wrong JSON type is the decoder's 400.
   */
  static Map<String, String> read(JsonNode hostConfig) {
    Map<String, String> echo = new LinkedHashMap<>();
    if (hostConfig == null || !hostConfig.isObject()) {
      return echo;
    }
    hostConfig.fields().forEachRemaining(e -> {
      Member m = KEPT.get(e.getKey());
      if (m == null || e.getValue().isNull()) {
        return;
      }
      check(e.getKey(), m.kind(), e.getValue());
      JsonNode value = SHAPES.containsKey(e.getKey()) ? shaped(SHAPES.get(e.getKey()), e.getValue()) : e.getValue();
      echo.put(e.getKey(), value.toString());
    });
    return echo;
  }

  private static void check(String name, Kind kind, JsonNode v) {
    boolean ok = switch (kind) {
      case STRING -> v.isTextual();
      case BOOL -> v.isBoolean();
      case INT -> v.isIntegralNumber();
      case STRINGS -> v.isArray() || v.isTextual() && (name.equals("CapAdd") || name.equals("CapDrop"));
      case MAP -> v.isObject();
      case OBJECTS -> v.isArray();
      case PAIR -> v.isArray() && v.size() == 2;
    };
    if (!ok) {
      String type = switch (kind) {
        case STRING -> "string";
        case BOOL -> "bool";
        case INT -> "int64";
        case STRINGS -> "[]string";
        case MAP -> "map[string]string";
        case OBJECTS -> "[]" + ELEMENT_TYPES.get(name);
        case PAIR -> "[2]uint";
      };
      String got = v.isTextual() ? "string" : v.isBoolean() ? "bool" : v.isNumber() ? "number"
          : v.isArray() ? "array" : "object";
      throw new ApiError(400, "invalid JSON: json: cannot unmarshal " + got
          + " into Go struct field ContainerConfigWrapper.HostConfig." + name + " of type " + type);
    }
    if (kind == Kind.OBJECTS) {
      v.forEach(item -> {
        if (!item.isObject() && !item.isNull()) {
          throw new ApiError(400, "invalid JSON: json: cannot unmarshal " + item.getNodeType().name().toLowerCase()
              + " into Go struct field ContainerConfigWrapper.HostConfig." + name + " of type "
              + ELEMENT_TYPES.get(name).replace("*", ""));
        }
      });
    }
    if (kind == Kind.STRINGS && v.isArray()) {
      v.forEach(item -> {
        if (!item.isTextual()) {
          throw new ApiError(400, "invalid JSON: json: cannot unmarshal " + item.getNodeType().name().toLowerCase()
              + " into Go struct field ContainerConfigWrapper.HostConfig." + name + " of type string");
        }
      });
    }
  }

  /**
   * A list of objects as dockerd re-encoded it: each object with exactly its struct's members, in their order, names
   * matched without regard to case as Go's decoder matched them, zero values for those not sent.
   */
  private static JsonNode shaped(List<String[]> shape, JsonNode list) {
    com.fasterxml.jackson.databind.node.ArrayNode out = GoJson.array();
    for (JsonNode item : list) {
      if (item.isNull()) {
        out.addNull();
        continue;
      }
      ObjectNode o = out.addObject();
      for (String[] member : shape) {
        JsonNode v = null;
        for (var it = item.fields(); it.hasNext(); ) {
          var f = it.next();
          if (f.getKey().equalsIgnoreCase(member[0])) {
            v = f.getValue();
          }
        }
        o.set(member[0], v == null ? parse(member[1]) : v);
      }
    }
    return out;
  }

  /** The daemon's refusals of kept members and of the log driver at create (all 400). */
  static void validate(Map<String, String> echo, String logType, Map<String, String> logConfig) {
    String ipc = text(echo, "IpcMode");
    if (!(ipc.isEmpty() || ipc.equals("none") || ipc.equals("private") || ipc.equals("host")
        || ipc.equals("shareable") || container(ipc))) {
      throw new ApiError(400, "invalid IPC mode: " + ipc);
    }
    String pid = text(echo, "PidMode");
    if (!(pid.isEmpty() || pid.equals("host") || container(pid) && pid.length() > "container:".length())) {
      throw new ApiError(400, "invalid PID mode: " + pid);
    }
    if (number(echo, "ShmSize") < 0) {
      throw new ApiError(400, "SHM size can not be less than 0");
    }
    String uts = text(echo, "UTSMode");
    if (!(uts.isEmpty() || uts.equals("host"))) {
      throw new ApiError(400, "invalid UTS mode: " + uts);
    }
    long oom = number(echo, "OomScoreAdj");
    if (oom < -1000 || oom > 1000) {
      throw new ApiError(400, "Invalid value " + oom + ", range for oom score adj is [-1000, 1000]");
    }
    String runtime = text(echo, "Runtime");
    if (!(runtime.isEmpty() || runtime.equals("runc") || runtime.equals("io.containerd.runc.v2"))) {
      throw new ApiError(400, "unknown or invalid runtime name: " + runtime);
    }
    String cgroupns = text(echo, "CgroupnsMode");
    if (!(cgroupns.isEmpty() || cgroupns.equals("private") || cgroupns.equals("host"))) {
      throw new ApiError(400, "invalid cgroup namespace mode: " + cgroupns);
    }
    String isolation = text(echo, "Isolation");
    if (!(isolation.isEmpty() || isolation.equalsIgnoreCase("default"))) {
      throw new ApiError(400, "invalid isolation '" + isolation + "' on linux");
    }
    if (echo.containsKey("Annotations") && parse(echo.get("Annotations")).has("")) {
      throw new ApiError(400, "invalid Annotations: the empty string is not permitted as an annotation key");
    }
    if (!logType.equals("none")) {
      String mode = logConfig.getOrDefault("mode", "");
      if (!(mode.isEmpty() || mode.equals("blocking") || mode.equals("non-blocking"))) {
        throw new ApiError(400, "logger: logging mode not supported: " + mode);
      }
      if (!LOG_DRIVERS.contains(logType)) {
        throw new ApiError(400, "logger: no log driver named '" + logType + "' is registered");
      }
    }
  }

  private static boolean container(String mode) {
    return mode.startsWith("container:");
  }

  private static String text(Map<String, String> echo, String name) {
    String raw = echo.get(name);
    return raw == null ? "" : parse(raw).asText();
  }

  private static long number(Map<String, String> echo, String name) {
    String raw = echo.get(name);
    return raw == null ? 0 : parse(raw).asLong();
  }

  private static JsonNode parse(String raw) {
    try {
      return GoJson.MAPPER.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("kept JSON is valid", e);
    }
  }

  /**
   * Adds the kept members to an inspect {@code HostConfig} (as sent, or the daemon's value when not sent) and puts
   * every member in the daemon's order.
   */
  static ObjectNode print(ObjectNode printed, Map<String, String> echo) {
    boolean privileged = echo.containsKey("Privileged") && parse(echo.get("Privileged")).asBoolean();
    KEPT.forEach((name, m) -> {
      String raw = echo.get(name);
      if (raw == null) {
        raw = m.zero();
        if (!privileged && name.equals("MaskedPaths")) {
          raw = MASKED;
        } else if (!privileged && name.equals("ReadonlyPaths")) {
          raw = READ_ONLY;
        }
      } else if (m.zero() == null && omitted(parse(raw))) {
        raw = null;
      } else if (name.equals("ShmSize") && parse(raw).asLong() == 0) {
        raw = m.zero();
      } else if ((name.equals("CgroupnsMode") || name.equals("IpcMode") || name.equals("Runtime"))
          && parse(raw).asText().isEmpty()) {
        raw = m.zero();
      } else if (name.equals("CapAdd") || name.equals("CapDrop")) {
        raw = ModernContainerJson.strings(ModernBodies.strings(parse("{\"v\":" + raw + "}"), "v")).toString();
      }
      if (raw == null) {
        printed.remove(name);
      } else {
        printed.set(name, parse(raw));
      }
    });
    ObjectNode ordered = GoJson.object();
    for (String name : ORDER) {
      if (printed.has(name)) {
        ordered.set(name, printed.get(name));
      }
    }
    printed.fields().forEachRemaining(e -> {
      if (!ordered.has(e.getKey())) {
        ordered.set(e.getKey(), e.getValue());
      }
    });
    return ordered;
  }

  /** Go's omitempty: an empty map, a zero number, {@code false} is left out ({@code Init: false} is kept). */
  private static boolean omitted(JsonNode v) {
    return v.isObject() && v.isEmpty() || v.isNumber() && v.asLong() == 0;
  }
}
