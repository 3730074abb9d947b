package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.FsWrites;
import io.mockdocker.internal.shell.RootedPaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ADD and COPY do to a build step's container: copy a tree into its root file system, never outside it; and
 * running a RUN step's container to its end. Shared by the era's builder and the classic one.
 */
final class BuildFiles {
  private BuildFiles() {}

  /**
   * Copies the tree under {@code from} to the container path {@code dest} in the container's {@code rootfs}, merging
   * into existing directories. Every target is resolved inside the root ({@code ..} stops at {@code /}, links in the
   * container are followed inside it), so nothing lands outside the container's file system.
   */
  static void copyInto(Path from, Path rootfs, String dest) throws IOException {
    Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = RootedPaths.resolve(rootfs, containerPath(from, dir, dest), true);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(target);
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target.getParent());
          Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        directoryTimes.put(target, attrs.lastModifiedTime());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path target = RootedPaths.resolve(rootfs, containerPath(from, file, dest), false);
        if (target.equals(rootfs)) {
          throw new DockerException("Invalid ADD destination: " + dest);
        }
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          ImageGraph.deleteTree(target);
        }
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
            LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
    for (Map.Entry<Path, FileTime> d : directoryTimes.entrySet()) {
      FsWrites.setLastModifiedTime(d.getKey(), d.getValue());
    }
  }

  /** Starts a RUN step's container and waits for its exit code. */
  static int runToEnd(ContainerRuntime runtime, LiveContainer c) {
    runtime.start(c);
    try {
      return runtime.await(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("interrupted");
    }
  }

  /** ADD's and COPY's source {@code orig} in the build context, or {@code stat orig: no such file or directory}. */
  static void copySource(Path context, String orig, Path rootfs, String dest, boolean extract, LayerStaging layers)
      throws IOException {
    copyResolved(inContext(context, orig), rootfs, dest, extract, layers);
  }

  /** The context path {@code orig} names; a path or link that leads out of the context is as good as missing. */
  static Path inContext(Path context, String orig) throws IOException {
    Path from = context.resolve(orig.startsWith("/") ? orig.substring(1) : orig).normalize();
    if (!from.startsWith(context) || !Files.exists(from)
        || !from.toRealPath().startsWith(context.toRealPath())) {
      throw new DockerException("stat " + orig + ": no such file or directory");
    }
    return from;
  }

  /**
   * Copies the file or tree {@code from} to the container path {@code dest} (into it when it ends with {@code /});
   * with {@code extract} (ADD), a file that is a tar archive is unpacked there instead.
   */
  static void copyResolved(Path from, Path rootfs, String dest, boolean extract, LayerStaging layers)
      throws IOException {
    if (Files.isDirectory(from)) {
      copyInto(from, rootfs, dest);
      return;
    }
    byte[] bytes = Files.readAllBytes(from);
    Path staging = null;
    try {
      if (!extract) {
        throw new DockerException("COPY does not unpack archives");
      }
      staging = layers.untar(bytes);
    } catch (DockerException notAnArchive) {
      if (notAnArchive.getCause() instanceof TarExtraction.TarLimitException) {
        throw notAnArchive;
      }
    }
    if (staging != null) {
      try {
        copyInto(staging, rootfs, dest);
      } finally {
        layers.discard(staging);
      }
      return;
    }
    String target = dest.endsWith("/") ? dest + from.getFileName() : dest;
    Path to = RootedPaths.resolve(rootfs, target, false);
    if (to.equals(rootfs)) {
      throw new DockerException("Invalid ADD destination: " + dest);
    }
    Files.createDirectories(to.getParent());
    if (Files.isSymbolicLink(to)) {
      Files.delete(to);
    }
    Files.write(to, bytes);
  }

  private static String containerPath(Path base, Path path, String dest) {
    StringBuilder out = new StringBuilder(dest.startsWith("/") ? dest : "/" + dest);
    for (Path name : base.relativize(path)) {
      if (!name.toString().isEmpty()) {
        out.append('/').append(name);
      }
    }
    return out.toString();
  }
}
