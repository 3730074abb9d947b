package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.FsRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Files in and out of a container's file system (the modern daemon's {@code /containers/{id}/archive}): stat a path,
 * read a path as a tar (a file, or a directory tree under its base name; a {@code dir/.} path gives its contents
 * under {@code ./}), and extract a tar into a directory. Works on running and stopped containers; a container never
 * started gets its root file system from its image first. Paths are resolved inside the container's root (links
 * followed there), so nothing outside it is read or written. Obtained from {@link Engine#archives()}.
 *
 * <p>Errors, as the daemon worded them: an unknown container is {@code No such container: <name>}; a missing path
 * {@code Could not find the file <path> in container <name>}; a destination that is not a directory
 * {@code extraction point is not a directory}; an entry that would replace a directory by a file (or the reverse)
 * under {@code noOverwriteDirNonDir} {@code cannot overwrite directory "<path>" with non-directory "<dest>"}.
 */
public final class Archives {
  /** What {@code lstat} reports as a directory's size on ext4 and overlay. */
  private static final long DIRECTORY_SIZE = 4096;

  private final ContainerStore store;
  private final Events events;
  private final TarBudget limits;

  Archives(ContainerStore store, Events events, TarBudget limits) {
    this.store = store;
    this.events = events;
    this.limits = limits;
  }

  /** A path read as a tar: its stat, known before the archive is written, and the archive. */
  public interface Reading {
    PathStat stat();

    /** Writes the tar to {@code out}, flushed, not closed. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** The stat of {@code path} (relative paths start at {@code /}); the last component's link is not followed. */
  public PathStat stat(String name, String path) {
    return stat(store.get(name), name, path, path);
  }

  private PathStat stat(LiveContainer c, String name, String path, String resolved) {
    refuseNul(resolved);
    synchronized (c) {
      FsRoot rootfs = Mounts.view(store.rootfs(c), c.dir, c.mounts);
      try {
        Path file = rootfs.resolve(resolved, followsLast(resolved));
        return stat(rootfs, file, goBase(resolved), name, path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code path} as a tar, as {@code docker cp CONTAINER:path -} receives it. */
  public Reading read(String name, String path) {
    LiveContainer c = store.get(name);
    String abs = absolute(path);
    PathStat stat = stat(c, name, path, abs);
    String top = stat.name().equals("/") ? "" : stat.name();
    return new Reading() {
      @Override
      public PathStat stat() {
        return stat;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        synchronized (c) {
          FsRoot rootfs = Mounts.view(store.rootfs(c), c.dir, c.mounts);
          Layers.writeTar(rootfs.resolve(abs, followsLast(abs)), top, out);
        }
        events.emit("container", "archive-path", c.id, c.eventAttributes());
      }
    };
  }

  /**
   * Extracts the tar {@code in} (plain or compressed) into the directory {@code path}, within the daemon's tar
   * limits. {@code copyUIDGID} is accepted; owners are not modelled (entries are extracted as they come).
   */
  public void extract(String name, String path, boolean noOverwriteDirNonDir, boolean copyUIDGID, InputStream in) {
    LiveContainer c = store.get(name);
    refuseNul(absolute(path));
    synchronized (c) {
      FsRoot rootfs = Mounts.view(store.rootfs(c), c.dir, c.mounts);
      Path dest;
      try {
        dest = rootfs.resolve(absolute(path), true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
        throw notFound(path, name);
      }
      if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
        throw new DockerException("extraction point is not a directory");
      }
      if (rootfs.readOnly(dest)) {
        throw new VolumeRefused(VolumeRefused.Kind.INVALID, "mounted volume is marked read-only");
      }
      try {
        TarExtraction.extract(in, dest, limits, noOverwriteDirNonDir);
      } catch (TarExtraction.OverwriteRefused e) {
        throw new DockerException("cannot overwrite " + (e.existingDir ? "directory" : "non-directory") + " \""
            + inContainer(rootfs, e.target) + "\" with " + (e.existingDir ? "non-directory" : "directory") + " \""
            + inContainer(rootfs, dest) + "\"");
      } catch (IOException e) {
        throw new DockerException(breakout(String.valueOf(e.getMessage()), inContainer(rootfs, dest)), e);
      }
    }
    events.emit("container", "extract-to-dir", c.id, c.eventAttributes());
  }

  private static PathStat stat(FsRoot rootfs, Path file, String base, String name, String path) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw notFound(path, name);
    }
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    long mode = permissions(file);
    long size = a.size();
    String linkTarget = "";
    if (a.isDirectory()) {
      mode |= PathStat.MODE_DIR;
      size = DIRECTORY_SIZE;
    } else if (a.isSymbolicLink()) {
      mode = PathStat.MODE_SYMLINK | 0777;
      size = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8).length;
      linkTarget = inContainer(rootfs, rootfs.resolve(inContainer(rootfs, file), true));
    }
    return new PathStat(base, size, mode, a.lastModifiedTime().toInstant(), linkTarget);
  }

  /** An entry refused for a {@code ..} component, worded as the daemon's breakout error; other texts as they are. */
  static String breakout(String message, String dest) {
    String prefix = "Invalid tar entry: ";
    if (message.startsWith(prefix) && ("/" + message.substring(prefix.length()) + "/").contains("/../")) {
      return "\"" + message.substring(prefix.length()) + "\" is outside of \"" + dest + "\"";
    }
    return message;
  }

  /**
   * A NUL byte cannot be in a path the kernel is given: the daemon's stat failed with {@code invalid argument}, an
   * error it did not classify (a 500).
   */
  private static void refuseNul(String path) {
    if (path.indexOf('\0') >= 0) {
      throw new DockerException("lstat " + path + ": invalid argument");
    }
  }

  private static DockerException notFound(String path, String name) {
    return new DockerException("Could not find the file " + path + " in container " + name);
  }

  private static long permissions(Path file) throws IOException {
    if (!Layers.hasPosix(file)) {
      return Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? 0755 : 0644;
    }
    long mode = 0;
    for (PosixFilePermission p : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) {
      mode |= 0400 >> p.ordinal();
    }
    return mode;
  }

  /** The container path of {@code file} under {@code rootfs}. */
  private static String inContainer(FsRoot rootfs, Path file) {
    return rootfs.containerPath(file);
  }

  /** {@code /} joined with the path, cleaned, keeping a trailing {@code /} or {@code /.} as the daemon did. */
  static String absolute(String path) {
    StringBuilder out = new StringBuilder();
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        parts.pollLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    parts.forEach(p -> out.append('/').append(p));
    String clean = out.length() == 0 ? "/" : out.toString();
    if ((path.endsWith("/.") || path.equals(".")) && !clean.endsWith("/.")) {
      return (clean.equals("/") ? "" : clean) + "/.";
    }
    if (path.endsWith("/") && !clean.endsWith("/")) {
      return clean + "/";
    }
    return clean;
  }

  private static boolean followsLast(String path) {
    return path.endsWith("/") || path.endsWith("/.") || path.equals(".");
  }

  /** Go's {@code filepath.Base}: trailing slashes dropped, {@code /} for only slashes, {@code .} for empty. */
  static String goBase(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return ".";
    }
    if (p.equals("/")) {
      return "/";
    }
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
