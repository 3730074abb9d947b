package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.CreateExtras;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.HostConfig;
import io.mockdocker.internal.engine.Resources;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoDecoder;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.internal.http.ModernVersion;
import io.mockdocker.registry.Config;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loose reading of modern request bodies, as Go's decoder read them: {@code null} is absent, unknown keys are
 * ignored, a string where a list of strings belongs is a one-element list (Go's {@code StrSlice}).
 */
final class ModernBodies {
  private ModernBodies() {}

  /** The body as an object; empty is {@code {}}; anything but an object or malformed JSON is a 400. */
  static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return GoJson.object();
    }
    JsonNode node;
    try {
      node = GoDecoder.value(body);
    } catch (DockerException e) {
      if (e.getMessage().equals("EOF")) {
        return GoJson.object();
      }
      throw new ApiError(400, "invalid JSON: " + e.getMessage());
    }
    if (node.isNull()) {
      return GoJson.object();
    }
    if (!node.isObject()) {
      throw new ApiError(400, "json: cannot unmarshal " + node.getNodeType().name().toLowerCase()
          + " into Go value of type struct");
    }
    return (ObjectNode) node;
  }

  static JsonNode field(JsonNode o, String name) {
    JsonNode v = o == null ? null : o.get(name);
    return v == null || v.isNull() ? null : v;
  }

  static String string(JsonNode o, String name) {
    JsonNode v = field(o, name);
    return v == null ? "" : v.asText();
  }

  static boolean bool(JsonNode o, String name) {
    JsonNode v = field(o, name);
    return v != null && v.asBoolean();
  }

  static long number(JsonNode o, String name) {
    JsonNode v = field(o, name);
    return v == null ? 0 : v.asLong();
  }

  static List<String> strings(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (v == null) {
      return null;
    }
    List<String> list = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(item -> list.add(item.isNull() ? "" : item.asText()));
    } else {
      list.add(v.asText());
    }
    return list;
  }

  static Map<String, String> stringMap(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (v == null || !v.isObject()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    return map;
  }

  /** The container config of a create body; {@code image} is the resolved name the engine looks up. */
  static Config config(ObjectNode o, String image) {
    List<String> volumes = null;
    JsonNode v = field(o, "Volumes");
    if (v != null && v.isObject()) {
      volumes = new ArrayList<>();
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        volumes.add(it.next());
      }
    }
    JsonNode host = field(o, "HostConfig");
    return Config.builder()
        .hostname(string(o, "Hostname"))
        .user(string(o, "User"))
        .memory(number(host, "Memory"))
        .cpuShares(number(host, "CpuShares"))
        .attachStdin(bool(o, "AttachStdin"))
        .attachStdout(bool(o, "AttachStdout"))
        .attachStderr(bool(o, "AttachStderr"))
        .tty(bool(o, "Tty"))
        .openStdin(bool(o, "OpenStdin"))
        .stdinOnce(bool(o, "StdinOnce"))
        .env(strings(o, "Env"))
        .cmd(strings(o, "Cmd"))
        .image(image)
        .volumes(volumes)
        .entrypoint(strings(o, "Entrypoint"))
        .workingDir(string(o, "WorkingDir"))
        .labels(stringMap(o, "Labels"))
        .stopSignal(string(o, "StopSignal"))
        .stopTimeout(field(o, "StopTimeout") == null ? null : (int) number(o, "StopTimeout"))
        .build();
  }

  static HostConfig hostConfig(ObjectNode o) {
    JsonNode h = field(o, "HostConfig");
    JsonNode log = field(h, "LogConfig");
    JsonNode restart = field(h, "RestartPolicy");
    return new HostConfig(bool(h, "AutoRemove"), string(log, "Type"), stringMap(log, "Config"),
        string(h, "NetworkMode"), string(restart, "Name"), (int) number(restart, "MaximumRetryCount"),
        ModernMounts.request(h),
        resources(h), ModernHostEcho.read(h));
  }

  /**
   * The create body's members kept beside the config and host configuration (see {@link CreateExtras}). The
   * container-wide {@code MacAddress} is kept for the default bridge or a network of the user's; from 1.44 it draws a
   * deprecation warning (and is dropped for another network mode), before it refuses another network mode.
   */
  static CreateExtras extras(ObjectNode o, HostConfig host, ModernVersion version, List<String> warnings) {
    JsonNode h = field(o, "HostConfig");
    String mac = string(o, "MacAddress");
    String mode = host.networkMode();
    boolean endpointMode = !mode.equals("host") && !mode.equals("none") && !mode.startsWith("container:");
    if (!mac.isEmpty() && version.containerMacDeprecated()) {
      warnings.add("The container-wide MacAddress field is now deprecated. It should be specified in "
          + "EndpointsConfig instead.");
    } else if (!mac.isEmpty() && !endpointMode) {
      throw new ApiError(400, "conflicting options: mac-address and the network mode");
    }
    try {
      return new CreateExtras(string(o, "Domainname"), strings(h, "Dns"), strings(h, "DnsSearch"),
          strings(h, "DnsOptions"), strings(h, "ExtraHosts"), bool(o, "NetworkDisabled"), endpointMode ? mac : "",
          bool(o, "ArgsEscaped"));
    } catch (DockerException invalid) {
      throw new ApiError(400, invalid.getMessage());
    }
  }

  /**
   * The resource limits of a host configuration or an update body (both carry Go's {@code Resources} inline); an
   * absent or {@code null} {@code PidsLimit} is {@code null}.
   */
  static Resources resources(JsonNode o) {
    JsonNode pids = field(o, "PidsLimit");
    return new Resources(number(o, "Memory"), number(o, "MemorySwap"), number(o, "MemoryReservation"),
        number(o, "CpuShares"), number(o, "NanoCpus"), number(o, "CpuPeriod"), number(o, "CpuQuota"),
        string(o, "CpusetCpus"), string(o, "CpusetMems"), (int) number(o, "BlkioWeight"),
        pids == null ? null : pids.asLong());
  }
}
