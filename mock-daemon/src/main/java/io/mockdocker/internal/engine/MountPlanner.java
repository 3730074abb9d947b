package io.mockdocker.internal.engine;

import io.mockdocker.internal.engine.Mounts.Attached;
import io.mockdocker.internal.engine.Mounts.Planned;
import io.mockdocker.registry.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Planning a create's mounts: the {@code VolumesFrom}, {@code Binds}, {@code Mounts} and {@code Tmpfs} of a request
 * parsed and checked into {@link Planned} mount points (the daemon's 400s), and the anonymous volumes of the config's
 * and image's {@code VOLUME}s added at destinations still free. Nothing is created here; binds' host paths are read
 * through {@link BindCopies}.
 */
final class MountPlanner {
  private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
      "rslave");

  private final BindCopies copies;

  MountPlanner(BindCopies copies) {
    this.copies = copies;
  }

  /** Checks what a create asks to mount, before the container exists: the daemon's 400s, nothing changed. */
  List<Planned> plan(MountRequest request, Function<String, LiveContainer> find) {
    LinkedHashMap<String, Planned> points = new LinkedHashMap<>();
    Set<String> explicit = new java.util.HashSet<>();
    for (String from : request.volumesFrom() == null ? List.<String>of() : request.volumesFrom()) {
      String[] parts = from.split(":", -1);
      String mode = parts.length > 1 ? parts[1] : "";
      if (parts.length > 2 || !mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
        throw invalid("invalid mode: " + mode);
      }
      LiveContainer other = find.apply(parts[0]);
      if (other == null) {
        throw invalid("No such container: " + parts[0]);
      }
      List<Attached> theirs;
      synchronized (other) {
        theirs = other.mounts == null ? List.of() : other.mounts;
      }
      for (Attached a : theirs) {
        MountPoint p = a.point();
        MountPoint copy = new MountPoint(p.type(), p.name(), p.source(), p.destination(), p.driver(), p.mode(),
            p.rw() && !mode.equals("ro"), p.propagation());
        points.put(p.destination(), new Planned(copy, "", false, false, null, null, a.data()));
      }
    }
    for (String bind : request.binds() == null ? List.<String>of() : request.binds()) {
      Planned p = parseBind(bind);
      if (!explicit.add(p.point().destination())) {
        throw invalid("Duplicate mount point: " + p.point().destination());
      }
      points.put(p.point().destination(), p);
    }
    for (MountSpec spec : request.mounts() == null ? List.<MountSpec>of() : request.mounts()) {
      Planned p = parseSpec(spec);
      if (!explicit.add(p.point().destination())) {
        throw invalid("Duplicate mount point: " + spec.target());
      }
      points.put(p.point().destination(), p);
    }
    if (request.tmpfs() != null) {
      for (String dest : request.tmpfs().keySet()) {
        String d = clean(dest);
        if (!explicit.add(d)) {
          throw invalid("Duplicate mount point: " + d);
        }
        points.put(d, new Planned(new MountPoint("tmpfs", "", "", d, "", "", true, ""), "", false, false, null,
            null, null));
      }
    }
    return List.copyOf(points.values());
  }

  /** The plan with an anonymous volume for each of the config's volumes (its image's too) at a free destination. */
  static List<Planned> withConfigVolumes(List<Planned> plan, Config config, Config image) {
    LinkedHashMap<String, Planned> points = new LinkedHashMap<>();
    plan.forEach(p -> points.put(p.point().destination(), p));
    List<String> wanted = new ArrayList<>();
    if (image != null && image.volumes() != null) {
      wanted.addAll(image.volumes());
    }
    if (config.volumes() != null) {
      wanted.addAll(config.volumes());
    }
    for (String v : wanted) {
      String d = clean(v);
      if (!points.containsKey(d)) {
        points.put(d, new Planned(new MountPoint("volume", "", "", d, Volumes.LOCAL, "", true, ""), "", true, true,
            Map.of(Volume.ANONYMOUS_LABEL, ""), null, null));
      }
    }
    return List.copyOf(points.values());
  }
  private Planned parseBind(String raw) {
    String[] arr = raw.split(":", -1);
    if (arr.length > 3) {
      arr = raw.split(":", 4);
    }
    if (arr[0].isEmpty() || arr.length > 3) {
      throw invalid("invalid volume specification: '" + raw + "'");
    }
    String source = "";
    String target;
    String mode = "";
    if (arr.length == 1) {
      target = arr[0];
    } else if (arr.length == 2) {
      if (validMode(arr[1])) {
        throw invalid("invalid volume specification: '" + raw + "'");
      }
      source = arr[0];
      target = arr[1];
    } else {
      source = arr[0];
      target = arr[1];
      mode = arr[2];
    }
    if (!validMode(mode)) {
      throw invalid("invalid mode: " + mode);
    }
    boolean rw = !List.of(mode.split(",")).contains("ro");
    String prefix = "invalid volume specification: '" + raw + "': ";
    boolean bind = source.startsWith("/");
    String type = bind ? "bind" : "volume";
    checkTarget(target, type, prefix);
    String propagation = "";
    for (String o : mode.split(",")) {
      if (PROPAGATIONS.contains(o)) {
        propagation = o;
      }
    }
    if (bind) {
      String hostPath = clean(source);
      copies.checkHost(hostPath);
      return new Planned(new MountPoint("bind", "", hostPath, clean(target), "", mode, rw,
          propagation.isEmpty() ? "rprivate" : propagation), hostPath, false, false, null, null, copies.copy(hostPath));
    }
    if (!source.isEmpty()) {
      Volumes.check(source, Volumes.LOCAL);
    }
    boolean noCopy = List.of(mode.split(",")).contains("nocopy");
    return new Planned(new MountPoint("volume", source, "", clean(target), Volumes.LOCAL,
        mode.isEmpty() ? "z" : mode, rw, ""), "", !noCopy, source.isEmpty(),
        source.isEmpty() ? Map.of(Volume.ANONYMOUS_LABEL, "") : null, null, null);
  }

  private Planned parseSpec(MountSpec spec) {
    String type = spec.type();
    String prefix = "invalid mount config for type \"" + type + "\": ";
    if (spec.target().isEmpty()) {
      throw invalid(prefix + "field Target must not be empty");
    }
    checkTarget(spec.target(), type, "");
    String target = clean(spec.target());
    switch (type) {
      case "bind" -> {
        if (spec.source().isEmpty()) {
          throw invalid(prefix + "field Source must not be empty");
        }
        if (spec.hasVolumeOptions()) {
          throw invalid(prefix + "field VolumeOptions must not be specified");
        }
        if (!spec.propagation().isEmpty() && !PROPAGATIONS.contains(spec.propagation())) {
          throw invalid(prefix + "invalid propagation mode: " + spec.propagation());
        }
        if (!spec.source().startsWith("/")) {
          throw invalid(prefix + "invalid mount path: '" + spec.source() + "' mount path must be absolute");
        }
        String hostPath = clean(spec.source());
        copies.checkHost(hostPath);
        if (!spec.createMountpoint() && !hostPath.equals(Mounts.DOCKER_SOCK) && !copies.exists(hostPath)) {
          throw invalid(prefix + "bind source path does not exist: " + hostPath);
        }
        return new Planned(new MountPoint("bind", "", hostPath, target, "", "", !spec.readOnly(),
            spec.propagation().isEmpty() ? "rprivate" : spec.propagation()), hostPath, false, false, null, null,
            copies.copy(hostPath));
      }
      case "volume" -> {
        if (!spec.propagation().isEmpty() || spec.createMountpoint()) {
          throw invalid(prefix + "field BindOptions must not be specified");
        }
        boolean anonymous = spec.source().isEmpty();
        if (spec.readOnly() && anonymous) {
          throw invalid(prefix + "must not set ReadOnly mode when using anonymous volumes");
        }
        if (!anonymous) {
          Volumes.check(spec.source(), spec.driver().isEmpty() ? Volumes.LOCAL : spec.driver());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (spec.volumeLabels() != null) {
          labels.putAll(spec.volumeLabels());
        }
        if (anonymous) {
          labels.put(Volume.ANONYMOUS_LABEL, "");
        }
        return new Planned(new MountPoint("volume", spec.source(), "", target,
            spec.driver().isEmpty() ? Volumes.LOCAL : spec.driver(), "z", !spec.readOnly(), ""), "",
            !spec.noCopy(), anonymous, labels, spec.driverOptions(), null);
      }
      case "tmpfs" -> {
        if (!spec.propagation().isEmpty() || spec.createMountpoint()) {
          throw invalid(prefix + "field BindOptions must not be specified");
        }
        if (!spec.source().isEmpty()) {
          throw invalid(prefix + "field Source must not be specified");
        }
        return new Planned(new MountPoint("tmpfs", "", "", target, "", "", !spec.readOnly(), ""), "", false, false,
            null, null, null);
      }
      default -> throw invalid(prefix + "mount type unknown");
    }
  }

  private static void checkTarget(String target, String type, String prefix) {
    String p = prefix.isEmpty() ? "invalid mount config for type \"" + type + "\": " : prefix
        + "invalid mount config for type \"" + type + "\": ";
    if (clean(target).equals("/") && target.startsWith("/")) {
      throw invalid(p + "invalid specification: destination can't be '/'");
    }
    if (!target.startsWith("/")) {
      throw invalid(p + "invalid mount path: '" + target + "' mount path must be absolute");
    }
  }

  private static boolean validMode(String mode) {
    if (mode.isEmpty()) {
      return true;
    }
    int rw = 0;
    int label = 0;
    int propagation = 0;
    int copy = 0;
    for (String o : mode.split(",")) {
      switch (o) {
        case "ro", "rw" -> rw++;
        case "z", "Z" -> label++;
        case "nocopy" -> copy++;
        case "consistent", "cached", "delegated" -> { }
        default -> {
          if (PROPAGATIONS.contains(o)) {
            propagation++;
          } else {
            return false;
          }
        }
      }
    }
    return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1;
  }

  static String clean(String path) {
    return io.mockdocker.internal.engine.Archives.absolute(path).replaceAll("/\\.?$", "").transform(
        p -> p.isEmpty() ? "/" : p);
  }

  static VolumeRefused invalid(String message) {
    return new VolumeRefused(VolumeRefused.Kind.INVALID, message);
  }
}
