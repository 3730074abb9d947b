package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import io.mockdocker.internal.shell.FsWrites;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Layer file trees on a {@link java.nio.file.FileSystem} (in practice a unix-configured jimfs): their size as the
 * daemon measured it, and their conversion to and from tar archives.
 *
 * <p>Archives are written the way the daemon's {@code tar -C dir -c .} produced them (entries {@code ./},
 * {@code ./etc/}, {@code ./etc/hostname}, owned by root, permission bits only in the mode field), except that entries
 * come in lexical order, as {@code filepath.Walk} visits them, rather than in directory order.
 *
 * <p>Extraction follows what GNU tar did for the daemon's {@code Untar}: a first record that is not a tar header is
 * "not a tar archive", data cut short is an "Unexpected EOF", and a trailing partial record or a missing
 * end-of-archive marker is tolerated.
 */
final class Layers {
  /** What {@code os.FileInfo.Size()} reports for a directory on ext4. */
  private static final long DIRECTORY_SIZE = 4096;

  /** Message for input whose first record is not a tar header, as GNU tar worded it. */
  static final String NOT_A_TAR = "This does not look like a tar archive";

  /** Message for input that ends inside an entry, as GNU tar worded it. */
  static final String UNEXPECTED_EOF = "Unexpected EOF in archive";

  /** Message for a corrupt header after the first one. */
  static final String INVALID_HEADER = "Invalid tar header";

  /** GNU tar's default blocking (20 records of 512 bytes): archives are padded to a multiple of it. */
  private static final int GNU_TAR_BLOCK_SIZE = 10240;

  private static final int DEFAULT_DIRECTORY_MODE = 0755;
  private static final int DEFAULT_FILE_MODE = 0644;
  private static final int SYMLINK_MODE = 0777;

  private Layers() {}

  /**
   * The size of the tree under {@code root} as the daemon computed it, summing {@code FileInfo.Size()} over
   * {@code filepath.Walk} on ext4: every directory (the root included) counts 4096, every regular file its length,
   * every symlink the length in bytes of its target. Symlinks are not followed.
   *
   * @return the size in bytes, or 0 when {@code root} does not exist
   */
  static long walkSize(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        total[0] += DIRECTORY_SIZE;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
          total[0] += Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8).length;
        } else {
          total[0] += attrs.size();
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }

  /**
   * Streams an uncompressed tar of the tree under {@code root} to {@code out}: the root as {@code ./}, then every
   * entry depth-first with names sorted bytewise within a directory ({@code ./etc/}, {@code ./etc/hostname}, ...).
   * Directories, regular files and symlinks (not followed) are written; anything else is skipped. Modes come from the
   * files' POSIX permissions when the file system has them (else 0755 for directories, 0644 for files, 0777 for
   * symlinks), modification times from {@link Files#getLastModifiedTime} truncated to seconds, owner root (0:0). Long
   * names and big numbers use PAX headers. The archive is finished (end-of-archive records, padded to the 10240-byte
   * block) and {@code out} flushed, but not closed.
   */
  static void writeTar(Path root, OutputStream out) throws IOException {
    writeTar(root, ".", out);
  }

  /**
   * {@link #writeTar(Path, OutputStream)} with {@code path} (a directory, file or symlink) as the top entry named
   * {@code name} ({@code etc} gives {@code etc/}, {@code etc/hostname}, ...).
   */
  static void writeTar(Path path, String name, OutputStream out) throws IOException {
    // the tar writes one 10 KiB block at a time: gathered here, the response goes out in fewer, larger writes
    BufferedOutputStream gathered = new BufferedOutputStream(out, STREAM_WRITE);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(gathered, GNU_TAR_BLOCK_SIZE,
        StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    writeEntry(tar, path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name,
        new byte[FILE_READ]);
    tar.finish();
    gathered.flush();
    out.flush();
  }

  /** How much a tar stream gathers before it writes to its destination. */
  private static final int STREAM_WRITE = 256 * 1024;
  /** How much of a file a tar stream reads at once. */
  private static final int FILE_READ = 64 * 1024;

  /** {@link #writeTar} into a byte array. */
  static byte[] tarBytes(Path root) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTar(root, out);
    return out.toByteArray();
  }

  /**
   * Extracts a tar archive, plain or compressed with gzip, bzip2 or xz (told apart by their magic bytes as the
   * daemon's {@code DetectCompression} did), into {@code root}, which is created if missing. Directories, regular
   * files and symlinks are created; hard links become copies of the file they name; device and FIFO entries are
   * skipped. Modes are applied when the file system has POSIX permissions; modification times always (directories
   * last). Existing files at an entry's path are replaced. {@code in} is read but not closed.
   *
   * <p>Empty input yields an empty tree, as Go's {@code archive/tar} ends at an immediate EOF. Failures are
   * {@link IOException}s with short messages: {@value #NOT_A_TAR} when the first record is not a tar header (bad
   * checksum or shorter than a record), {@value #UNEXPECTED_EOF} when the input ends inside an entry's data or inside
   * the compressed stream, {@value #INVALID_HEADER} for a later corrupt header, {@code "Corrupt <format> stream"} for
   * damaged compressed data (a compressed stream is read to its end, so a bad trailing checksum counts), and
   * {@code "Invalid tar entry: <name>"} for an entry whose name contains {@code ..}, leads through a symlink, or would
   * replace the root. As with GNU tar, a partial record after the first header and a missing end-of-archive marker
   * just end the archive.
   */
  static void extractTar(InputStream in, Path root) throws IOException {
    extractTar(in, root, new TarBudget(TarLimits.DEFAULT));
  }

  /**
   * {@link #extractTar(InputStream, Path)} within {@code limits}: once more entries than allowed are read, or more
   * bytes than allowed would be written (file data and hard-link copies, after decompression), extraction stops with
   * a {@link TarExtraction.TarLimitException} and what was extracted so far stays in {@code root}.
   */
  static void extractTar(InputStream in, Path root, TarBudget limits) throws IOException {
    TarExtraction.extract(in, root, limits);
  }

  /**
   * Copies the tree under {@code from} to {@code to}, merging into {@code to} if it is an existing directory.
   * Symlinks are copied as links; modification times (and POSIX permissions where supported) are kept, directory
   * times last. Missing parents of {@code to} are created.
   */
  static void copyTree(Path from, Path to) throws IOException {
    Path parent = to.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = mirror(from, dir, to);
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, mirror(from, file, to), StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        FsWrites.setLastModifiedTime(mirror(from, dir, to), Files.getLastModifiedTime(dir));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The path under {@code to} that corresponds to {@code path} under {@code from} (the file systems may differ). */
  private static Path mirror(Path from, Path path, Path to) {
    Path target = to;
    for (Path name : from.relativize(path)) {
      if (!name.toString().isEmpty()) {
        target = target.resolve(name.toString());
      }
    }
    return target;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // writing

  private static void writeEntry(TarArchiveOutputStream tar, Path path, String name, byte[] copy)
      throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    TarArchiveEntry entry;
    if (attrs.isSymbolicLink()) {
      entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
      entry.setMode(SYMLINK_MODE);
    } else if (attrs.isDirectory()) {
      entry = new TarArchiveEntry(name, TarConstants.LF_DIR);
      entry.setMode(permissions(path, DEFAULT_DIRECTORY_MODE));
    } else if (attrs.isRegularFile()) {
      entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
      entry.setMode(permissions(path, DEFAULT_FILE_MODE));
      entry.setSize(attrs.size());
    } else {
      return;
    }
    FileTime mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    entry.setModTime(FileTime.from(mtime.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("root");
    entry.setGroupName("root");
    tar.putArchiveEntry(entry);
    if (attrs.isRegularFile()) {
      try (InputStream content = Files.newInputStream(path)) {
        for (int n = content.read(copy); n >= 0; n = content.read(copy)) {
          tar.write(copy, 0, n);
        }
      }
    }
    tar.closeArchiveEntry();
    if (attrs.isDirectory()) {
      for (Path child : sortedChildren(path)) {
        String childName = name + child.getFileName().toString();
        boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
        writeEntry(tar, child, directory ? childName + "/" : childName, copy);
      }
    }
  }

  /** The entries of {@code dir} sorted by the bytes of their names, as Go's {@code sort.Strings} orders them. */
  private static List<Path> sortedChildren(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort((a, b) -> Arrays.compareUnsigned(
        a.getFileName().toString().getBytes(StandardCharsets.UTF_8),
        b.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
    return children;
  }

  /** The permission bits of {@code path}, or {@code fallback} when the file system has no POSIX attributes. */
  private static int permissions(Path path, int fallback) throws IOException {
    if (!hasPosix(path)) {
      return fallback;
    }
    int mode = 0;
    for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
      mode |= 0400 >> permission.ordinal();
    }
    return mode;
  }

  static boolean hasPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

}
