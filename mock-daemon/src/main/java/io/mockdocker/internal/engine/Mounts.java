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
import java.util.List;
import java.util.Map;
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
 * Parsing into a plan is {@link MountPlanner}'s, the binds' copies {@link BindCopies}', the file-system view and
 * {@code /etc} files {@link MountView}'s.
 */
final class Mounts {
  static final String DOCKER_SOCK = "/var/run/docker.sock";

  private final Volumes volumes;
  private final Path tmpfsRoot;
  private final Events events;
  private final MountPlanner planner;

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
    this.tmpfsRoot = tmpfsRoot;
    this.events = events;
    this.planner = new MountPlanner(new BindCopies(host, bindRoot));
  }

  /** Checks what a create asks to mount, before the container exists: the daemon's 400s, nothing changed. */
  List<Planned> plan(MountRequest request, Function<String, LiveContainer> find) {
    return planner.plan(request, find);
  }

  /** The plan with an anonymous volume for each of the config's volumes (its image's too) at a free destination. */
  static List<Planned> withConfigVolumes(List<Planned> plan, Config config, Config image) {
    return MountPlanner.withConfigVolumes(plan, config, image);
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
  /** Writes a container's {@code /etc} files into its directory at start: see {@link MountView#writeEtc}. */
  static void writeEtc(Path dir, Config config, CreateExtras extras, String ip) {
    MountView.writeEtc(dir, config, extras, ip);
  }

  /** What a process sees: see {@link MountView#view}. */
  static FsRoot view(Path rootfs, Path dir, List<Attached> mounts) {
    return MountView.view(rootfs, dir, mounts);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
