package io.mockdocker.internal.engine;

import java.time.Instant;

/**
 * What the daemon's stat of a path in a container's file system gives: the base name, the size ({@code lstat}'s:
 * 4096 for a directory, the target's length for a symlink), the mode as Go's {@code os.FileMode} bits (permissions
 * in the low bits, {@link #MODE_DIR} or {@link #MODE_SYMLINK} for the type), the modification time and, for a
 * symlink, where its chain of links ends inside the container.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
  /** Go's {@code os.ModeDir}. */
  public static final long MODE_DIR = 1L << 31;
  /** Go's {@code os.ModeSymlink}. */
  public static final long MODE_SYMLINK = 1L << 27;

  public boolean directory() {
    return (mode & MODE_DIR) != 0;
  }
}
