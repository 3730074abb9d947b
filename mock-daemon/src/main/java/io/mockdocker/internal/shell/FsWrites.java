package io.mockdocker.internal.shell;

import com.google.common.jimfs.FileTimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A counter of everything that may have changed a file in the engines' in-memory file systems, so that a value
 * computed from files (a container's {@code SizeRw}) can be kept until the counter moves. The one place every change
 * passes through is jimfs's clock: it asks {@link #TIME} for the time whenever it creates, writes, truncates, links,
 * renames or deletes a file (and on reads, for the access time: those count too, which only costs a recomputation).
 * What jimfs does not time is an explicit time or attribute set: {@link #setLastModifiedTime} and {@link #touched}
 * count those. One counter for the JVM: a change in one daemon's files makes the others recompute too, never the
 * reverse. A walk that only reads runs {@link #reading} so that its own reads do not count.
 */
public final class FsWrites implements FileTimeSource {
  /** jimfs's clock for the engines' file systems: the system's time, as jimfs's own, and a count of each call. */
  public static final FsWrites TIME = new FsWrites();

  private static final AtomicLong COUNT = new AtomicLong();
  private static final ThreadLocal<int[]> READING = ThreadLocal.withInitial(() -> new int[1]);

  private FsWrites() {}

  @Override
  public FileTime now() {
    if (READING.get()[0] == 0) {
      COUNT.incrementAndGet();
    }
    return FileTime.from(Instant.now());
  }

  /** The count so far: equal counts before and after a computation mean no file changed in between. */
  public static long count() {
    return COUNT.get();
  }

  /** Counts a change jimfs does not time (an explicit time, mode or owner). */
  public static void touched() {
    COUNT.incrementAndGet();
  }

  /** {@link Files#setLastModifiedTime}, counted. */
  public static void setLastModifiedTime(Path path, FileTime time) throws IOException {
    Files.setLastModifiedTime(path, time);
    touched();
  }

  /** Runs {@code walk}, which only reads files, without counting its own reads (another thread's still count). */
  public static <T> T reading(Supplier<T> walk) {
    int[] depth = READING.get();
    depth[0]++;
    try {
      return walk.get();
    } finally {
      depth[0]--;
    }
  }
}
