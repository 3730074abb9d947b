package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Container paths resolved under a container's root directory as a chroot would: {@code ..} stops at {@code /}, and
 * symbolic links are followed inside the root (an absolute target starts again at the root), so no path a client
 * sends (an ADD destination, a volume) reaches outside the container's root file system. The built-in shell and the
 * engine (ADD destinations, volumes) both resolve through here.
 */
public final class RootedPaths {
  private static final int MAX_LINKS = 40;

  private RootedPaths() {}

  /**
   * The file {@code containerPath} names under {@code root}; links in parent directories are always followed (inside
   * the root), the last component only when {@code followLast}.
   */
  public static Path resolve(Path root, String containerPath, boolean followLast) throws IOException {
    return resolve(FsRoot.of(root), containerPath, followLast);
  }

  /** The same over a root with mounts: each component is looked up where the mount table puts it. */
  static Path resolve(FsRoot root, String containerPath, boolean followLast) throws IOException {
    if (containerPath.indexOf('\0') >= 0) { // the kernel takes no NUL in a path: EINVAL
      throw new FileSystemException(containerPath, null, "Invalid argument");
    }
    Deque<String> todo = new ArrayDeque<>(Arrays.asList(containerPath.split("/")));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.removeFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      List<String> next = new ArrayList<>(done);
      next.add(c);
      Path candidate = root.locate(next);
      boolean last = todo.stream().allMatch(x -> x.isEmpty() || x.equals("."));
      if ((followLast || !last) && Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new FileSystemException(containerPath, null, "Too many levels of symbolic links");
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> parts = Arrays.asList(target.split("/"));
        for (int k = parts.size() - 1; k >= 0; k--) {
          todo.addFirst(parts.get(k));
        }
      } else {
        done.add(c);
      }
    }
    return root.locate(done);
  }
}
