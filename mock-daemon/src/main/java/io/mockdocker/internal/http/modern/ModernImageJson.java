package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.GoJson;
import io.mockdocker.registry.Config;
import java.util.List;

/** Image JSON of the modern view: the configs of image inspect in their two shapes, IDs with {@code sha256:}. */
final class ModernImageJson {
  private ModernImageJson() {}

  static String id(String id) {
    return "sha256:" + id;
  }

  static String architecture(Image image) {
    return architecture(image.architecture());
  }

  /** An architecture as Go names it: none or {@code x86_64} is {@code amd64}. */
  static String architecture(String architecture) {
    return architecture.isEmpty() || architecture.equals("x86_64") ? "amd64" : architecture;
  }

  /** API 1.50's image config (the OCI image config): only the members that are set. */
  static ObjectNode imageConfig(Config c) {
    ObjectNode o = GoJson.object();
    if (c == null) {
      return o;
    }
    if (!c.user().isEmpty()) {
      o.put("User", c.user());
    }
    if (c.portSpecs() != null && !c.portSpecs().isEmpty()) {
      o.set("ExposedPorts", ports(c.portSpecs()));
    }
    if (c.env() != null && !c.env().isEmpty()) {
      o.set("Env", strings(c.env()));
    }
    if (c.cmd() != null && !c.cmd().isEmpty()) {
      o.set("Cmd", strings(c.cmd()));
    }
    if (c.volumes() != null && !c.volumes().isEmpty()) {
      o.set("Volumes", volumes(c.volumes()));
    }
    if (!c.workingDir().isEmpty()) {
      o.put("WorkingDir", c.workingDir());
    }
    if (c.entrypoint() != null && !c.entrypoint().isEmpty()) {
      o.set("Entrypoint", strings(c.entrypoint()));
    }
    if (c.labels() != null && !c.labels().isEmpty()) {
      o.set("Labels", labels(c));
    }
    if (!c.stopSignal().isEmpty()) {
      o.put("StopSignal", c.stopSignal());
    }
    if (c.healthcheck() != null) {
      o.set("Healthcheck", ModernHealthJson.config(c.healthcheck()));
    }
    if (c.onBuild() != null && !c.onBuild().isEmpty()) {
      o.set("OnBuild", strings(c.onBuild()));
    }
    if (c.shell() != null && !c.shell().isEmpty()) {
      o.set("Shell", strings(c.shell()));
    }
    return o;
  }

  /** An image's labels, or JSON {@code null} when it has none. */
  static JsonNode labels(Config c) {
    if (c == null || c.labels() == null || c.labels().isEmpty()) {
      return GoJson.MAPPER.nullNode();
    }
    ObjectNode o = GoJson.object();
    new java.util.TreeMap<>(c.labels()).forEach(o::put);
    return o;
  }

  /** The container config's shape, which image inspect used below API 1.50 (and ContainerConfig below 1.45). */
  static ObjectNode containerConfig(Config config) {
    Config c = config == null ? Config.empty() : config;
    ObjectNode o = GoJson.object();
    o.put("Hostname", c.hostname());
    o.put("Domainname", "");
    o.put("User", c.user());
    o.put("AttachStdin", c.attachStdin());
    o.put("AttachStdout", c.attachStdout());
    o.put("AttachStderr", c.attachStderr());
    if (c.portSpecs() != null && !c.portSpecs().isEmpty()) {
      o.set("ExposedPorts", ports(c.portSpecs()));
    }
    o.put("Tty", c.tty());
    o.put("OpenStdin", c.openStdin());
    o.put("StdinOnce", c.stdinOnce());
    o.set("Env", c.env() == null ? GoJson.MAPPER.nullNode() : strings(c.env()));
    o.set("Cmd", c.cmd() == null ? GoJson.MAPPER.nullNode() : strings(c.cmd()));
    if (c.healthcheck() != null) {
      o.set("Healthcheck", ModernHealthJson.config(c.healthcheck()));
    }
    o.put("Image", c.image());
    o.set("Volumes", c.volumes() == null || c.volumes().isEmpty() ? GoJson.MAPPER.nullNode() : volumes(c.volumes()));
    o.put("WorkingDir", c.workingDir());
    o.set("Entrypoint", nullOr(c.entrypoint()));
    o.set("OnBuild", c.onBuild() == null ? GoJson.MAPPER.nullNode() : strings(c.onBuild()));
    o.set("Labels", labels(c));
    if (!c.stopSignal().isEmpty()) {
      o.put("StopSignal", c.stopSignal());
    }
    if (c.shell() != null && !c.shell().isEmpty()) {
      o.set("Shell", strings(c.shell()));
    }
    return o;
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = GoJson.array();
    list.forEach(a::add);
    return a;
  }

  private static ObjectNode volumes(List<String> list) {
    ObjectNode o = GoJson.object();
    list.forEach(v -> o.set(v, GoJson.object()));
    return o;
  }

  private static ObjectNode ports(List<String> specs) {
    ObjectNode o = GoJson.object();
    for (String spec : specs) {
      String port = spec.contains(":") ? spec.substring(spec.lastIndexOf(':') + 1) : spec;
      o.set(port.contains("/") ? port : port + "/tcp", GoJson.object());
    }
    return o;
  }

  static JsonNode nullOr(List<String> list) {
    return list == null || list.isEmpty() ? GoJson.MAPPER.nullNode() : strings(list);
  }
}
