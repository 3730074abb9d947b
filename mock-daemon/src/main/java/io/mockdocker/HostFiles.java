package io.mockdocker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the daemon reads the host paths that containers bind ({@code -v /host/dir:/mnt}, {@code HostConfig.Binds},
 * {@code Mounts} of type {@code bind}). The daemon never writes the host: the first time a container binding a host
 * path is created, that path's files are read (from the real disk, or from the in-memory tree given here) and copied
 * into the daemon's memory; from then on every container binding that path shares that copy, and their writes stay
 * in memory. {@link #disk()} is the default; {@link #memory()} gives tests "host" files without touching the disk;
 * {@link #refused()} refuses every host bind (only {@code /var/run/docker.sock} stays accepted: it is an empty file in
 * memory, never the real socket). Immutable.
 */
public final class HostFiles {
  private static final long MAX_BYTES = TarLimits.DEFAULT.maxBytes();
  private static final long MAX_ENTRIES = TarLimits.DEFAULT.maxEntries();

  private enum Kind { DISK, MEMORY, REFUSED }

  private final Kind kind;
  /** Absolute host path to content; {@code null} content is a directory. */
  private final Map<String, byte[]> tree;

  private HostFiles(Kind kind, Map<String, byte[]> tree) {
    this.kind = kind;
    this.tree = Collections.unmodifiableMap(tree);
  }

  /** Host paths read from the real file system (read only, at the first container that binds them). */
  public static HostFiles disk() {
    return new HostFiles(Kind.DISK, new TreeMap<>());
  }

  /** An empty in-memory host; add files with {@link #withFile} and directories with {@link #withDirectory}. */
  public static HostFiles memory() {
    return new HostFiles(Kind.MEMORY, new TreeMap<>());
  }

  /**
   * Every host bind refused at container create with {@code host binds are refused by this daemon: <path>} (400);
   * named volumes, tmpfs and {@code /var/run/docker.sock} still work.
   */
  public static HostFiles refused() {
    return new HostFiles(Kind.REFUSED, new TreeMap<>());
  }

  /** An in-memory host with the file {@code hostPath} (absolute) holding {@code content} as UTF-8. */
  public HostFiles withFile(String hostPath, String content) {
    return withFile(hostPath, content.getBytes(StandardCharsets.UTF_8));
  }

  /** An in-memory host with the file {@code hostPath} (absolute) holding {@code content}; parents are implied. */
  public HostFiles withFile(String hostPath, byte[] content) {
    return with(hostPath, content.clone());
  }

  /** An in-memory host with the (empty) directory {@code hostPath} (absolute). */
  public HostFiles withDirectory(String hostPath) {
    return with(hostPath, null);
  }

  private HostFiles with(String hostPath, byte[] content) {
    if (kind != Kind.MEMORY) {
      throw new IllegalStateException("files can only be added to HostFiles.memory()");
    }
    String p = clean(Objects.requireNonNull(hostPath));
    TreeMap<String, byte[]> next = new TreeMap<>(tree);
    next.put(p, content);
    return new HostFiles(kind, next);
  }

  /** Whether host binds are refused. */
  public boolean refusesBinds() {
    return kind == Kind.REFUSED;
  }

  /**
   * Copies what the host path {@code hostPath} holds (a file or a directory tree) to {@code target}, which must not
   * exist, reading the host only; answers {@code false}, copying nothing, when the host path does not exist. A tree
   * larger than {@link TarLimits#DEFAULT} is refused with an {@link IOException}.
   */
  public boolean copyTo(String hostPath, Path target) throws IOException {
    String p = clean(hostPath);
    return switch (kind) {
      case REFUSED -> false;
      case MEMORY -> copyMemory(p, target);
      case DISK -> copyDisk(FileSystems.getDefault().getPath(p), target);
    };
  }

  private boolean copyMemory(String p, Path target) throws IOException {
    boolean found = false;
    String prefix = p.equals("/") ? "/" : p + "/";
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      String key = e.getKey();
      if (key.equals(p) && e.getValue() != null) {
        Files.createDirectories(target.getParent());
        Files.write(target, e.getValue());
        return true;
      }
      if (key.equals(p) || key.startsWith(prefix)) {
        found = true;
        Path to = target;
        for (String c : key.substring(p.length()).split("/")) {
          if (!c.isEmpty()) {
            to = to.resolve(c);
          }
        }
        if (e.getValue() == null) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.write(to, e.getValue());
        }
      }
    }
    if (found) {
      Files.createDirectories(target);
    }
    return found;
  }

  private static boolean copyDisk(Path source, Path target) throws IOException {
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    long[] budget = {MAX_BYTES, MAX_ENTRIES};
    if (!Files.isDirectory(source)) {
      Files.createDirectories(target.getParent());
      copyOne(source, target, budget);
      return true;
    }
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : (Iterable<Path>) walk::iterator) {
        Path to = target;
        for (Path c : source.relativize(from)) {
          if (!c.toString().isEmpty()) {
            to = to.resolve(c.toString());
          }
        }
        copyOne(from, to, budget);
      }
    }
    return true;
  }

  private static void copyOne(Path from, Path to, long[] budget) throws IOException {
    if (--budget[1] < 0) {
      throw new IOException("host path has too many entries: more than " + MAX_ENTRIES + ", the daemon's limit");
    }
    BasicFileAttributes a = Files.readAttributes(from, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isDirectory()) {
      Files.createDirectories(to);
    } else if (a.isSymbolicLink()) {
      Files.createSymbolicLink(to, to.getFileSystem().getPath(Files.readSymbolicLink(from).toString()));
      return;
    } else if (a.isRegularFile()) {
      budget[0] -= a.size();
      if (budget[0] < 0) {
        throw new IOException("host path too large: more than " + MAX_BYTES + " bytes, the daemon's limit");
      }
      try (InputStream in = Files.newInputStream(from)) {
        Files.copy(in, to);
      }
    } else {
      Files.createFile(to); // a socket or device: an empty file in memory
    }
    Files.setLastModifiedTime(to, FileTime.fromMillis(a.lastModifiedTime().toMillis()));
  }

  private static String clean(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a host path must be absolute: " + path);
    }
    StringBuilder out = new StringBuilder();
    for (String c : path.split("/")) {
      if (!c.isEmpty() && !c.equals(".")) {
        if (c.equals("..")) {
          int slash = out.lastIndexOf("/");
          out.setLength(Math.max(slash, 0));
        } else {
          out.append('/').append(c);
        }
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  @Override
  public String toString() {
    return "HostFiles." + kind.name().toLowerCase(java.util.Locale.ROOT) + "()"
        + (tree.isEmpty() ? "" : " with " + tree.size() + " entries");
  }
}
