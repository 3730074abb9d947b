package io.mockdocker.internal.engine;

import io.mockdocker.HostFiles;
import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.internal.shell.RootedPaths;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Containers' mounts (the modern view): named and anonymous volumes, binds and tmpfs, resolved at create as the
 * daemon's {@code registerMountPoints} did (volumes-from first, then {@code Binds}, then {@code Mounts}, then the
 * anonymous volumes of {@code Config.Volumes} and the image's {@code VOLUME}s at destinations still free), mounted at
 * start (mount points made in the root file system, an empty volume filled from the image's files at its
 * destination, tmpfs made empty, {@code volume mount} events) and unmounted when the process ends. Everything is on
 * the engine's in-memory file system: a bind's source is an in-memory copy of the host path, read once through
 * {@link HostFiles} and shared by every container binding that path; the host is never written. Thread-safe.
 */
final class Mounts {
  static final String DOCKER_SOCK = "/var/run/docker.sock";
  private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
      "rslave");

  private final Volumes volumes;
  private final HostFiles host;
  private final Path bindRoot;
  private final Path tmpfsRoot;
  private final Events events;
  /** Host path to its in-memory copy; guarded by this. */
  private final Map<String, Path> copies = new HashMap<>();

  /** A mount point and where its files are: a volume's data, a bind's copy, a tmpfs directory. */
  record Attached(MountPoint point, Path data, boolean copyData, boolean anonymous) {
    boolean volume() {
      return point.type().equals("volume");
    }

    boolean tmpfs() {
      return point.type().equals("tmpfs");
    }
  }

  /** A mount point planned at create, before the container exists. */
  record Planned(MountPoint point, String hostPath, boolean copyData, boolean anonymous,
      Map<String, String> labels, Map<String, String> driverOptions, Path data) {}

  Mounts(Volumes volumes, HostFiles host, Path bindRoot, Path tmpfsRoot, Events events) {
    this.volumes = volumes;
    this.host = host;
    this.bindRoot = bindRoot;
    this.tmpfsRoot = tmpfsRoot;
    this.events = events;
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

  /** Makes the planned mounts real for the new container {@code id}: volumes created and used, binds read. */
  List<Attached> attach(String id, List<Planned> plan) {
    List<Attached> out = new ArrayList<>();
    int tmpfs = 0;
    for (Planned p : plan) {
      MountPoint m = p.point();
      switch (m.type()) {
        case "volume" -> {
          String name = m.name();
          if (p.data() == null) {
            if (name.isEmpty()) {
              name = volumes.create("", m.driver(), p.labels(), p.driverOptions()).name();
            } else {
              volumes.create(name, m.driver(), p.labels(), p.driverOptions());
            }
          }
          Path data = volumes.use(name, id);
          Volume v = volumes.inspect(name);
          MountPoint shown = new MountPoint("volume", name, v.mountpoint(), m.destination(), v.driver(), m.mode(),
              m.rw(), m.propagation());
          out.add(new Attached(shown, data, p.copyData(), p.anonymous()));
        }
        case "bind" -> out.add(new Attached(m, p.data(), false, false));
        default -> out.add(new Attached(m, tmpfsRoot.resolve(id).resolve(Integer.toString(tmpfs++)), false, false));
      }
    }
    return List.copyOf(out);
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
      checkHost(hostPath);
      return new Planned(new MountPoint("bind", "", hostPath, clean(target), "", mode, rw,
          propagation.isEmpty() ? "rprivate" : propagation), hostPath, false, false, null, null, copy(hostPath));
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
        checkHost(hostPath);
        if (!spec.createMountpoint() && !hostPath.equals(DOCKER_SOCK) && !hostExists(hostPath)) {
          throw invalid(prefix + "bind source path does not exist: " + hostPath);
        }
        return new Planned(new MountPoint("bind", "", hostPath, target, "", "", !spec.readOnly(),
            spec.propagation().isEmpty() ? "rprivate" : spec.propagation()), hostPath, false, false, null, null,
            copy(hostPath));
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

  private void checkHost(String hostPath) {
    if (host.refusesBinds() && !hostPath.equals(DOCKER_SOCK)) {
      throw invalid("host binds are refused by this daemon: " + hostPath);
    }
  }

  private boolean hostExists(String hostPath) {
    synchronized (this) {
      if (copies.containsKey(hostPath)) {
        return true;
      }
    }
    try {
      copy(hostPath, false);
      return true;
    } catch (NoHostPath e) {
      return false;
    }
  }

  private static final class NoHostPath extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** The in-memory copy of a host path, read on first use; a missing host path is an empty directory in memory. */
  private Path copy(String hostPath) {
    return copy(hostPath, true);
  }

  private synchronized Path copy(String hostPath, boolean createMissing) {
    Path existing = copies.get(hostPath);
    if (existing != null) {
      return existing;
    }
    Path target = bindRoot.resolve(Integer.toString(copies.size()));
    try {
      Files.createDirectories(bindRoot);
      if (hostPath.equals(DOCKER_SOCK)) {
        Files.createFile(target); // never the real socket: an empty file
      } else if (!host.copyTo(hostPath, target)) {
        if (!createMissing) {
          throw new NoHostPath();
        }
        Files.createDirectories(target);
      }
    } catch (IOException e) {
      throw invalid("error reading host path " + hostPath + ": " + e.getMessage());
    }
    copies.put(hostPath, target);
    return target;
  }

  /**
   * Mounts at start: each destination made in the root file system, tmpfs emptied, an empty volume filled with the
   * image's files at its destination (unless {@code nocopy}), then the {@code volume mount} events.
   */
  void mount(LiveContainer c, List<Attached> mounts) {
    try {
      for (Attached a : mounts) {
        Path point = RootedPaths.resolve(c.rootfs, a.point().destination(), true);
        boolean file = Files.isRegularFile(a.data(), LinkOption.NOFOLLOW_LINKS);
        if (file) {
          if (!Files.exists(point, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(point.getParent());
            Files.createFile(point);
          }
        } else {
          if (a.copyData() && Files.isDirectory(point) && isEmpty(a.data())) {
            ContainerFs.merge(List.of(point), a.data());
          }
          Files.createDirectories(point);
        }
        if (a.tmpfs()) {
          ImageGraph.deleteTree(a.data());
          Files.createDirectories(a.data());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Attached a : mounts) {
      if (a.volume()) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        attributes.put("container", c.id);
        attributes.put("destination", a.point().destination());
        attributes.put("driver", a.point().driver());
        attributes.put("propagation", a.point().propagation());
        attributes.put("read/write", Boolean.toString(a.point().rw()));
        events.emit("volume", "mount", a.point().name(), attributes);
      }
    }
  }

  /** Unmounts when the process ended: tmpfs contents dropped, {@code volume unmount} events. */
  void unmount(LiveContainer c, List<Attached> mounts) {
    for (Attached a : mounts) {
      if (a.tmpfs()) {
        try {
          ImageGraph.deleteTree(a.data());
        } catch (IOException e) {
          // memory only; nothing to report
        }
      } else if (a.volume()) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        attributes.put("container", c.id);
        attributes.put("driver", a.point().driver());
        events.emit("volume", "unmount", a.point().name(), attributes);
      }
    }
  }

  /**
   * After the container {@code id} was removed: its tmpfs directory dropped, and with {@code volumes} ({@code rm -v},
   * auto-remove) its anonymous volumes removed, those another container still uses kept.
   */
  void removed(String id, List<Attached> mounts, boolean dropVolumes) {
    try {
      ImageGraph.deleteTree(tmpfsRoot.resolve(id));
    } catch (IOException e) {
      // memory only; nothing to report
    }
    if (!dropVolumes || mounts == null) {
      return;
    }
    for (Attached a : mounts) {
      if (a.volume() && a.anonymous()) {
        try {
          volumes.remove(a.point().name(), true);
        } catch (VolumeRefused e) {
          // in use by another container: kept, as the daemon did
        }
      }
    }
  }

  /** The files the daemon keeps in a container's directory and mounts over its {@code /etc}. */
  static final List<String> ETC_FILES = List.of("hostname", "hosts", "resolv.conf");

  /**
   * Writes a container's {@code hostname}, {@code hosts} and {@code resolv.conf} into its directory {@code dir} at
   * start, as the daemon did (its own name and address in {@code hosts}, the DNS servers asked for or the public
   * ones the daemon fell back to). No mount point is made in the root file system: the daemon made them in a layer of
   * its own under the container's, so they never show in a diff or a commit.
   */
  static void writeEtc(Path dir, Config config, String ip) {
    StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
    if (ip != null && !ip.isEmpty()) {
      hosts.append(ip).append('\t').append(config.hostname()).append('\n');
    }
    StringBuilder resolv = new StringBuilder();
    List<String> dns = config.dns() == null || config.dns().isEmpty() ? List.of("8.8.8.8", "8.8.4.4") : config.dns();
    dns.forEach(server -> resolv.append("nameserver ").append(server).append('\n'));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hostname"), config.hostname() + "\n");
      Files.writeString(dir.resolve("hosts"), hosts);
      Files.writeString(dir.resolve("resolv.conf"), resolv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a process sees: the root file system with the mounts whose files exist (tmpfs only while running) and, for
   * a container with a mount table (the modern view's), the {@code /etc} files of its directory {@code dir}, unless
   * a mount of its own covers them.
   */
  static FsRoot view(Path rootfs, Path dir, List<Attached> mounts) {
    if (mounts == null) {
      return FsRoot.of(rootfs);
    }
    List<FsRoot.Mount> table = new ArrayList<>();
    for (String name : ETC_FILES) {
      Path file = dir.resolve(name);
      String destination = "/etc/" + name;
      if (Files.isRegularFile(file) && mounts.stream().noneMatch(a -> a.point().destination().equals(destination))) {
        table.add(new FsRoot.Mount(inRoot(rootfs, destination), file, false));
      }
    }
    for (Attached a : mounts) {
      if (Files.exists(a.data(), LinkOption.NOFOLLOW_LINKS)) {
        table.add(new FsRoot.Mount(inRoot(rootfs, a.point().destination()), a.data(), !a.point().rw()));
      }
    }
    return FsRoot.of(rootfs, table);
  }

  /** Where a destination really is, links in the root file system followed (as the daemon mounted it). */
  private static String inRoot(Path rootfs, String destination) {
    try {
      String real = "/" + rootfs.relativize(RootedPaths.resolve(rootfs, destination, true));
      return real.length() > 1 && real.endsWith("/") ? real.substring(0, real.length() - 1) : real;
    } catch (IOException e) {
      return destination;
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
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

  private static VolumeRefused invalid(String message) {
    return new VolumeRefused(VolumeRefused.Kind.INVALID, message);
  }
}
