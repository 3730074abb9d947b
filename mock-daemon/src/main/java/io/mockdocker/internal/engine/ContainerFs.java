package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.FsWrites;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A container's file system over its image chain, as AUFS presented it: the merged view of the layers (with
 * {@code .wh.} whiteouts), the container's own root file system copied from it at first mount, and the diff between
 * the two (what the AUFS {@code rw} branch held), which changes, commit and SizeRw read.
 */
final class ContainerFs {
  static final String WHITEOUT = ".wh.";
  static final String AUFS_META = ".wh..wh.";

  private ContainerFs() {}

  /** Size, type and modification time of a path in the image's merged view. */
  record Meta(boolean dir, long size, long mtime) {}

  /** Applies the layers (base first) into {@code target}, honouring whiteouts. */
  static void merge(List<Path> baseFirst, Path target) throws IOException {
    Files.createDirectories(target);
    for (Path layer : baseFirst) {
      if (!Files.isDirectory(layer)) {
        continue;
      }
      Files.walkFileTree(layer, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          if (!dir.equals(layer) && name.startsWith(AUFS_META)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Path to = target.resolve(layer.relativize(dir).toString());
          if (Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(to);
          }
          Files.createDirectories(to);
          FsWrites.setLastModifiedTime(to, attrs.lastModifiedTime());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String name = file.getFileName().toString();
          Path rel = layer.relativize(file);
          if (name.startsWith(AUFS_META)) {
            return FileVisitResult.CONTINUE;
          }
          if (name.startsWith(WHITEOUT)) {
            Path hidden = target.resolve(rel.toString()).resolveSibling(name.substring(WHITEOUT.length()));
            ImageGraph.deleteTree(hidden);
            return FileVisitResult.CONTINUE;
          }
          Path to = target.resolve(rel.toString());
          if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            ImageGraph.deleteTree(to);
          }
          Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
              LinkOption.NOFOLLOW_LINKS);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }

  /** The merged view of the layers (base first) as path ({@code /a/b}) to metadata, without copying files. */
  static Map<String, Meta> view(List<Path> baseFirst) throws IOException {
    TreeMap<String, Meta> view = new TreeMap<>();
    for (Path layer : baseFirst) {
      if (!Files.isDirectory(layer)) {
        continue;
      }
      try (var walk = Files.walk(layer)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (p.equals(layer)) {
            continue;
          }
          String rel = "/" + layer.relativize(p);
          String name = p.getFileName().toString();
          if (rel.contains("/" + AUFS_META)) {
            continue;
          }
          if (name.startsWith(WHITEOUT)) {
            String hidden = rel.substring(0, rel.length() - name.length()) + name.substring(WHITEOUT.length());
            view.remove(hidden);
            view.subMap(hidden + "/", hidden + "0").clear();
            continue;
          }
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (!a.isDirectory()) {
            view.subMap(rel + "/", rel + "0").clear();
          }
          view.put(rel, new Meta(a.isDirectory(), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis()));
        }
      }
    }
    return view;
  }

  /** The diff of {@code rootfs} against the image's view, in the order a walk of the AUFS rw branch gave. */
  static List<Change> changes(Path rootfs, Map<String, Meta> lower) throws IOException {
    Map<String, Change.Kind> kinds = new TreeMap<>();
    Set<String> present = new HashSet<>();
    try (var walk = Files.walk(rootfs)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(rootfs)) {
          continue;
        }
        String rel = "/" + rootfs.relativize(p);
        present.add(rel);
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Meta before = lower.get(rel);
        if (before == null) {
          kinds.put(rel, Change.Kind.ADDED);
        } else if (before.dir() != a.isDirectory()
            || !a.isDirectory() && (before.size() != a.size() || before.mtime() != a.lastModifiedTime().toMillis())) {
          kinds.put(rel, Change.Kind.MODIFIED);
        }
      }
    }
    for (String path : lower.keySet()) {
      if (!present.contains(path) && present(parentOf(path), present)) {
        kinds.put(path, Change.Kind.DELETED);
      }
    }
    for (String path : new ArrayList<>(kinds.keySet())) {
      for (String a = parentOf(path); !a.equals("/"); a = parentOf(a)) {
        if (!kinds.containsKey(a) && lower.containsKey(a)) {
          kinds.put(a, Change.Kind.MODIFIED);
        }
      }
    }
    List<Change> out = new ArrayList<>();
    kinds.forEach((path, kind) -> out.add(new Change(path, kind)));
    out.sort(Comparator.comparing(ContainerFs::walkKey, ContainerFs::compareSegments));
    return out;
  }

  /** Writes the diff as a layer: changed files and directories, and a {@code .wh.} file per deletion. */
  static void writeLayer(Path rootfs, List<Change> changes, Path target) throws IOException {
    Files.createDirectories(target);
    for (Change c : changes) {
      Path to = target.resolve(c.path().substring(1));
      if (c.kind() == Change.Kind.DELETED) {
        Files.createDirectories(to.getParent());
        Files.createFile(to.resolveSibling(WHITEOUT + to.getFileName()));
        continue;
      }
      Path from = rootfs.resolve(c.path().substring(1));
      if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(to);
      } else {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
      }
    }
    Files.createFile(target.resolve(AUFS_META + "aufs"));
    Files.createDirectories(target.resolve(AUFS_META + "orph"));
    Files.createDirectories(target.resolve(AUFS_META + "plnk"));
  }

  /** What walking the rw branch summed: its root and AUFS entries, changed files' sizes, 4096 per directory. */
  static long rwSize(Path rootfs, List<Change> changes) throws IOException {
    long size = 3 * 4096L;
    for (Change c : changes) {
      if (c.kind() == Change.Kind.DELETED) {
        continue;
      }
      Path p = rootfs.resolve(c.path().substring(1));
      size += Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 4096 : Files.size(p);
    }
    return size;
  }

  private static boolean present(String path, Set<String> present) {
    return path.equals("/") || present.contains(path);
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static List<String> walkKey(Change c) {
    List<String> segments = new ArrayList<>(List.of(c.path().substring(1).split("/")));
    if (c.kind() == Change.Kind.DELETED) {
      int last = segments.size() - 1;
      segments.set(last, WHITEOUT + segments.get(last));
    }
    return segments;
  }

  private static int compareSegments(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
