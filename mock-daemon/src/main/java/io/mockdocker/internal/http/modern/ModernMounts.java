package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.MountPoint;
import io.mockdocker.internal.engine.MountRequest;
import io.mockdocker.internal.engine.MountSpec;
import io.mockdocker.internal.http.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mounts in the modern view: reading {@code HostConfig.Binds}, {@code Mounts}, {@code VolumesFrom} and {@code Tmpfs}
 * of a create body, echoing them in inspect's {@code HostConfig} as the daemon re-encoded them (Go's
 * {@code omitempty} on each {@code Mounts} field), and the {@code Mounts} entries of inspect and the list.
 */
final class ModernMounts {
  private ModernMounts() {}

  /** What the create body's host config asks to mount. */
  static MountRequest request(JsonNode host) {
    List<MountSpec> mounts = null;
    JsonNode m = ModernBodies.field(host, "Mounts");
    if (m != null && m.isArray()) {
      mounts = new ArrayList<>();
      for (JsonNode o : m) {
        mounts.add(spec(o));
      }
    }
    return new MountRequest(ModernBodies.strings(host, "Binds"), mounts, ModernBodies.strings(host, "VolumesFrom"),
        ModernBodies.stringMap(host, "Tmpfs"));
  }

  private static MountSpec spec(JsonNode o) {
    JsonNode bind = ModernBodies.field(o, "BindOptions");
    JsonNode volume = ModernBodies.field(o, "VolumeOptions");
    JsonNode driver = ModernBodies.field(volume, "DriverConfig");
    JsonNode tmpfs = ModernBodies.field(o, "TmpfsOptions");
    return new MountSpec(ModernBodies.string(o, "Type"), ModernBodies.string(o, "Source"),
        ModernBodies.string(o, "Target"), ModernBodies.bool(o, "ReadOnly"), ModernBodies.string(bind, "Propagation"),
        ModernBodies.bool(bind, "CreateMountpoint"), volume != null, ModernBodies.bool(volume, "NoCopy"),
        ModernBodies.stringMap(volume, "Labels"), ModernBodies.string(driver, "Name"),
        ModernBodies.stringMap(driver, "Options"), ModernBodies.number(tmpfs, "SizeBytes"),
        (int) ModernBodies.number(tmpfs, "Mode"));
  }

  /** {@code Binds}, {@code VolumesFrom} and {@code Mounts} of inspect's host config, as sent. */
  static void echo(ObjectNode hostConfig, MountRequest r) {
    hostConfig.set("Binds", ModernContainerJson.strings(r.binds()));
    hostConfig.set("VolumesFrom", ModernContainerJson.strings(r.volumesFrom()));
    if (r.tmpfs() != null) {
      ObjectNode tmpfs = hostConfig.putObject("Tmpfs");
      r.tmpfs().forEach(tmpfs::put);
    }
    if (r.mounts() != null && !r.mounts().isEmpty()) {
      ArrayNode mounts = hostConfig.putArray("Mounts");
      r.mounts().forEach(s -> mounts.add(spec(s)));
    }
  }

  private static ObjectNode spec(MountSpec s) {
    ObjectNode o = GoJson.object();
    putIf(o, "Type", s.type());
    putIf(o, "Source", s.source());
    putIf(o, "Target", s.target());
    if (s.readOnly()) {
      o.put("ReadOnly", true);
    }
    if (!s.propagation().isEmpty() || s.createMountpoint()) {
      ObjectNode b = o.putObject("BindOptions");
      putIf(b, "Propagation", s.propagation());
      if (s.createMountpoint()) {
        b.put("CreateMountpoint", true);
      }
    }
    if (s.hasVolumeOptions()) {
      ObjectNode v = o.putObject("VolumeOptions");
      if (s.noCopy()) {
        v.put("NoCopy", true);
      }
      map(v, "Labels", s.volumeLabels());
      if (!s.driver().isEmpty() || s.driverOptions() != null) {
        ObjectNode d = v.putObject("DriverConfig");
        putIf(d, "Name", s.driver());
        map(d, "Options", s.driverOptions());
      }
    }
    if (s.tmpfsSize() != 0 || s.tmpfsMode() != 0) {
      ObjectNode t = o.putObject("TmpfsOptions");
      if (s.tmpfsSize() != 0) {
        t.put("SizeBytes", s.tmpfsSize());
      }
      if (s.tmpfsMode() != 0) {
        t.put("Mode", s.tmpfsMode());
      }
    }
    return o;
  }

  /** The {@code Mounts} entries of inspect and the list: Go's MountPoint, {@code Type}, {@code Name}, {@code Driver} omitted when empty. */
  static ArrayNode points(Container c) {
    ArrayNode out = GoJson.array();
    for (MountPoint p : c.mounts()) {
      ObjectNode o = out.addObject();
      putIf(o, "Type", p.type());
      putIf(o, "Name", p.name());
      o.put("Source", p.source());
      o.put("Destination", p.destination());
      putIf(o, "Driver", p.driver());
      o.put("Mode", p.mode());
      o.put("RW", p.rw());
      o.put("Propagation", p.propagation());
    }
    return out;
  }

  private static void putIf(ObjectNode o, String key, String value) {
    if (!value.isEmpty()) {
      o.put(key, value);
    }
  }

  private static void map(ObjectNode o, String key, Map<String, String> map) {
    if (map != null && !map.isEmpty()) {
      ObjectNode m = o.putObject(key);
      map.forEach(m::put);
    }
  }
}
