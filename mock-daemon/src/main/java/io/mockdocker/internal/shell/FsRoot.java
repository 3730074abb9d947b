package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A container's file system as its processes see it: the root file system with a mount table over it. A path
 * resolves component by component as {@link RootedPaths} does; when the container path reached so far is a mount's
 * destination, the rest resolves in that mount's directory (a volume's, a bind's in-memory copy, a tmpfs), so a
 * mount is seen at its destination by the shell, execs, process scripts and the archive endpoint alike. Links are
 * followed as container paths (an absolute target starts again at the container's root, mounts included), so
 * nothing reaches outside the root or the mounts. Immutable.
 */
public final class FsRoot {
  /** One entry of the mount table: what shows at {@code destination} (a normalized absolute container path). */
  public record Mount(String destination, Path source, boolean readOnly) {}

  private final Path root;
  /** Longest destination first, so a nested mount wins over the one it is inside. */
  private final List<Mount> mounts;

  private FsRoot(Path root, List<Mount> mounts) {
    this.root = root;
    List<Mount> sorted = new ArrayList<>(mounts);
    sorted.sort(Comparator.comparingInt((Mount m) -> m.destination().length()).reversed());
    this.mounts = List.copyOf(sorted);
  }

  /** The root file system alone. */
  public static FsRoot of(Path root) {
    return new FsRoot(root, List.of());
  }

  /** The root file system with {@code mounts} over it. */
  public static FsRoot of(Path root, List<Mount> mounts) {
    return new FsRoot(root, mounts);
  }

  /** The container's root file system, without the mounts. */
  public Path root() {
    return root;
  }

  public List<Mount> mounts() {
    return mounts;
  }

  /** The file {@code containerPath} names; links in parent directories followed, the last one when asked. */
  public Path resolve(String containerPath, boolean followLast) throws IOException {
    return RootedPaths.resolve(this, containerPath, followLast);
  }

  /** Where the container path made of {@code components} lives: in the deepest mount that holds it, or the root. */
  Path locate(List<String> components) {
    String path = "/" + String.join("/", components);
    for (Mount m : mounts) {
      String d = m.destination();
      if (path.equals(d) || path.startsWith(d.equals("/") ? "/" : d + "/")) {
        Path p = m.source();
        String rest = path.substring(d.length());
        for (String c : rest.split("/")) {
          if (!c.isEmpty()) {
            p = p.resolve(c);
          }
        }
        return p;
      }
    }
    Path p = root;
    for (String c : components) {
      p = p.resolve(c);
    }
    return p;
  }

  /** The container path of a resolved file: under the mount whose files hold it, else under the root. */
  public String containerPath(Path file) {
    Mount best = holder(file);
    if (best == null) {
      return "/" + root.relativize(file);
    }
    String rest = best.source().relativize(file).toString();
    return rest.isEmpty() ? best.destination()
        : (best.destination().equals("/") ? "" : best.destination()) + "/" + rest;
  }

  /** Whether the resolved file {@code file} lies in a read-only mount. */
  public boolean readOnly(Path file) {
    Mount best = holder(file);
    return best != null && best.readOnly();
  }

  /** The mount whose files hold the resolved file {@code file} (the deepest source), or {@code null}. */
  private Mount holder(Path file) {
    Mount best = null;
    for (Mount m : mounts) {
      if (file.startsWith(m.source()) && (best == null
          || m.source().getNameCount() > best.source().getNameCount())) {
        best = m;
      }
    }
    return best;
  }

  /** Fails as a write to a read-only mount does ({@code Read-only file system}) when {@code file} is in one. */
  public void requireWritable(Path file, String shown) throws FileSystemException {
    if (readOnly(file)) {
      throw new FileSystemException(shown, null, READ_ONLY);
    }
  }

  /** What the kernel's EROFS reads as. */
  public static final String READ_ONLY = "Read-only file system";
}
