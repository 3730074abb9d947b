package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The daemon's named volumes (driver {@code local}): each a directory {@code /var/lib/docker/volumes/NAME/_data} on
 * the engine's in-memory file system, never the host's. A volume is in use while a container that mounts it exists
 * (the reference is dropped when the container is removed); such a volume is neither removed nor pruned. Events are
 * emitted outside this object's lock. Thread-safe. Obtained from {@link Engine#volumes()}.
 */
public final class Volumes {
  public static final String LOCAL = "local";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private final Path root;
  private final Ids ids;
  private final Clock clock;
  private final Events events;
  private final Map<String, Volume> byName = new LinkedHashMap<>();
  private final Map<String, Set<String>> refs = new LinkedHashMap<>();

  /** What a prune removed: the volumes' names and the bytes their files took. */
  public record Pruned(List<String> names, long reclaimed) {
    public Pruned {
      names = List.copyOf(names);
    }
  }

  Volumes(Path root, Ids ids, Clock clock, Events events) {
    this.root = root;
    this.ids = ids;
    this.clock = clock;
    this.events = events;
    events.subscribe(e -> {
      if (e.type().equals("container") && e.action().equals("destroy")) {
        release(e.actorId());
      }
    });
  }

  /**
   * Creates a volume, or answers the existing one of that name; an empty name gets a generated 64-hex name and the
   * anonymous label. Only the {@code local} driver exists.
   */
  public Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options) {
    Volume created;
    synchronized (this) {
      boolean anonymous = name == null || name.isEmpty();
      String n = anonymous ? ids.next() : name;
      String d = driver == null || driver.isEmpty() ? LOCAL : driver;
      check(n, d);
      Volume existing = byName.get(n);
      if (existing != null) {
        return snapshot(existing);
      }
      Map<String, String> l = new LinkedHashMap<>(labels == null ? Map.of() : labels);
      if (anonymous) {
        l.put(Volume.ANONYMOUS_LABEL, "");
      }
      created = new Volume(n, d, clock.now().atOffset(ZoneOffset.UTC), l, options == null ? Map.of() : options,
          List.of());
      mkdirs(data(n));
      byName.put(n, created);
    }
    emit(created, "create");
    return created;
  }

  static void check(String name, String driver) {
    if (!driver.equals(LOCAL)) {
      throw new VolumeRefused(VolumeRefused.Kind.NOT_FOUND, "create " + name + ": error looking up volume plugin "
          + driver + ": plugin \"" + driver + "\" not found");
    }
    if (name.length() == 1) {
      throw new VolumeRefused(VolumeRefused.Kind.INVALID, "create " + name
          + ": volume name is too short, names should be at least two alphanumeric characters");
    }
    if (!NAME.matcher(name).matches()) {
      throw new VolumeRefused(VolumeRefused.Kind.INVALID, "create " + name + ": \"" + name
          + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed."
          + " If you intended to pass a host directory, use absolute path");
    }
  }

  /** Every volume, by creation. */
  public synchronized List<Volume> list() {
    return byName.values().stream().map(this::snapshot).toList();
  }

  /** The volume of that name; {@code get NAME: no such volume} otherwise. */
  public synchronized Volume inspect(String name) {
    return snapshot(find(name));
  }

  private Volume find(String name) {
    Volume v = name == null ? null : byName.get(name);
    if (v == null) {
      throw new VolumeRefused(VolumeRefused.Kind.NOT_FOUND, "get " + name + ": no such volume");
    }
    return v;
  }

  private Volume snapshot(Volume v) {
    return new Volume(v.name(), v.driver(), v.created(), v.labels(), v.options(),
        List.copyOf(refs.getOrDefault(v.name(), Set.of())));
  }

  /**
   * Removes a volume and its files; one a container uses is refused ({@code volume is in use - [IDs]}) even with
   * {@code force}, which only makes a missing volume no error.
   */
  public void remove(String name, boolean force) {
    Volume gone;
    synchronized (this) {
      Volume v = byName.get(name);
      if (v == null) {
        if (force) {
          return;
        }
        find(name);
      }
      Set<String> users = refs.getOrDefault(name, Set.of());
      if (!users.isEmpty()) {
        throw new VolumeRefused(VolumeRefused.Kind.CONFLICT, "remove " + name + ": volume is in use - ["
            + String.join(", ", users) + "]");
      }
      delete(root.resolve(name));
      byName.remove(name);
      gone = v;
    }
    emit(gone, "destroy");
  }

  /**
   * Removes the unused local volumes without driver options that {@code select} picks, anonymous ones only unless
   * {@code all}; then the daemon's volume prune event.
   */
  public Pruned prune(boolean all, Predicate<Volume> select) {
    List<Volume> gone = new ArrayList<>();
    long reclaimed = 0;
    synchronized (this) {
      for (Volume v : List.copyOf(byName.values())) {
        if (!refs.getOrDefault(v.name(), Set.of()).isEmpty() || !v.options().isEmpty()
            || !all && !v.anonymous() || !select.test(snapshot(v))) {
          continue;
        }
        reclaimed += size(data(v.name()));
        delete(root.resolve(v.name()));
        byName.remove(v.name());
        gone.add(v);
      }
    }
    gone.forEach(v -> emit(v, "destroy"));
    events.emit("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
    return new Pruned(gone.stream().map(Volume::name).toList(), reclaimed);
  }

  /**
   * A container's use of a volume (created, not anonymous, if missing): held until the container is removed.
   * Answers the directory that holds the volume's files.
   */
  public Path use(String name, String containerId) {
    create(name, LOCAL, Map.of(), Map.of());
    synchronized (this) {
      find(name);
      refs.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(containerId);
      return data(name);
    }
  }

  /** The directory that holds a volume's files. */
  public synchronized Path data(String name) {
    return root.resolve(name).resolve("_data");
  }

  private synchronized void release(String containerId) {
    refs.values().forEach(s -> s.remove(containerId));
    refs.values().removeIf(Set::isEmpty);
  }

  private void emit(Volume v, String action) {
    events.emit("volume", action, v.name(), Map.of("driver", v.driver()));
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of the volume's files, as disk usage reports them ({@code UsageData.Size}). */
  public long usage(String name) {
    return size(data(name));
  }

  private static long size(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
