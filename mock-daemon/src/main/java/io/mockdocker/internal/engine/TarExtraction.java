package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import io.mockdocker.internal.shell.FsWrites;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/** Tar extraction behind {@link Layers#extractTar}: decompression by magic bytes, entries, limits, GNU tar's errors. */
final class TarExtraction {
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00};

  private TarExtraction() {}

  static void extract(InputStream in, Path root, TarBudget budget) throws IOException {
    extract(in, root, budget, false);
  }

  /**
   * Extracts with, when {@code noOverwriteDirNonDir}, an existing directory never replaced by a non-directory nor an
   * existing non-directory by a directory ({@link OverwriteRefused}).
   */
  static void extract(InputStream in, Path root, TarBudget budget, boolean noOverwriteDirNonDir)
      throws IOException {
    TarLimits limits = budget.limits();
    Files.createDirectories(root);
    BufferedInputStream buffered = new BufferedInputStream(new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    });
    Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
    TarSourceStream source = decompressing(buffered);
    long entries = 0;
    try (TarBudget.Spending spending = budget.start();
        CheckedTarInputStream tar = new CheckedTarInputStream(source)) {
      for (TarArchiveEntry entry = nextEntry(tar); entry != null; entry = nextEntry(tar)) {
        if (++entries > limits.maxEntries()) {
          throw new TarLimitException("tar archive has too many entries: more than " + limits.maxEntries()
              + ", the daemon's limit");
        }
        if (noOverwriteDirNonDir) {
          refuseOverwrite(inside(root, entry.getName(), entry.getName()), entry);
        }
        extractEntry(tar, entry, root, directoryTimes, spending);
      }
      if (source.compressed()) {
        // the decompressor ran to its end under GNU tar, so damage after the archive's end still failed the call
        source.transferTo(OutputStream.nullOutputStream());
      }
    }
    for (Map.Entry<Path, FileTime> directory : directoryTimes.entrySet()) {
      FsWrites.setLastModifiedTime(directory.getKey(), directory.getValue());
    }
  }


  /** Wraps {@code in} in the decompressor its first bytes call for. */
  private static TarSourceStream decompressing(BufferedInputStream in) throws IOException {
    byte[] head = new byte[XZ_MAGIC.length];
    in.mark(head.length);
    int length = in.readNBytes(head, 0, head.length);
    in.reset();
    try {
      if (startsWith(head, length, GZIP_MAGIC)) {
        return new TarSourceStream(
            GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(), "gzip");
      }
      if (startsWith(head, length, BZIP2_MAGIC)) {
        return new TarSourceStream(new BZip2CompressorInputStream(in, true), "bzip2");
      }
      if (startsWith(head, length, XZ_MAGIC)) {
        return new TarSourceStream(
            XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(), "xz");
      }
    } catch (IOException e) {
      throw TarSourceStream.translate(e, "compressed");
    }
    return new TarSourceStream(in, null);
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (TarFormatException e) {
      throw e;
    } catch (IOException e) {
      throw isTruncation(e) ? new TarFormatException(Layers.UNEXPECTED_EOF, e) : new TarFormatException(
          Layers.INVALID_HEADER, e);
    }
  }

  private static int readData(TarArchiveInputStream tar, byte[] buffer) throws IOException {
    try {
      return tar.read(buffer, 0, buffer.length);
    } catch (TarFormatException e) {
      throw e;
    } catch (IOException e) {
      throw isTruncation(e) ? new TarFormatException(Layers.UNEXPECTED_EOF, e) : e;
    }
  }

  static boolean isTruncation(IOException e) {
    if (e instanceof EOFException) {
      return true;
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("truncated") || message.contains("end of stream") || message.contains("eof");
  }

  private static void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path root,
      Map<Path, FileTime> directoryTimes, TarBudget.Spending spending) throws IOException {
    String name = entry.getName();
    Path target = inside(root, name, name);
    if (entry.isDirectory()) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(target);
      }
      Files.createDirectories(target);
      applyMode(target, entry);
      directoryTimes.put(target, entry.getLastModifiedTime());
      return;
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      return;
    }
    if (target.equals(root)) {
      throw invalidEntry(name);
    }
    Path source = entry.isLink() ? inside(root, entry.getLinkName(), name) : null;
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(target, target.getFileSystem().getPath(entry.getLinkName()));
      Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(entry.getLastModifiedTime(), null, null);
      FsWrites.touched();
    } else if (source != null) {
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        throw invalidEntry(name);
      }
      spending.spend(Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) ? Files.size(source) : 0);
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } else {
      byte[] buffer = new byte[8192];
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int n = readData(tar, buffer); n != -1; n = readData(tar, buffer)) {
          spending.spend(n);
          out.write(buffer, 0, n);
        }
      }
      applyMode(target, entry);
      FsWrites.setLastModifiedTime(target, entry.getLastModifiedTime());
    }
  }

  /**
   * Resolves an archive name under {@code root}: leading slashes and {@code .} components are dropped; {@code ..}
   * components, intermediate symlinks (which could lead outside the root) and unusable names are rejected.
   */
  private static Path inside(Path root, String name, String entryName) throws IOException {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw invalidEntry(entryName);
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    Path path = root;
    try {
      for (int i = 0; i < parts.size(); i++) {
        path = path.resolve(parts.get(i));
        if (i < parts.size() - 1 && Files.isSymbolicLink(path)) {
          throw invalidEntry(entryName);
        }
      }
    } catch (InvalidPathException e) {
      throw invalidEntry(entryName);
    }
    return path;
  }

  /** An archive over a {@link TarLimits limit}; its message is the daemon's error text as it is. */
  static final class TarLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    TarLimitException(String message) {
      super(message);
    }
  }

  private static void refuseOverwrite(Path target, TarArchiveEntry entry) throws OverwriteRefused {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean existingDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
    if (existingDir != entry.isDirectory()) {
      throw new OverwriteRefused(target, existingDir);
    }
  }

  /** An entry that would replace a directory by a non-directory, or the reverse, under noOverwriteDirNonDir. */
  static final class OverwriteRefused extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Path target;
    final boolean existingDir;

    OverwriteRefused(Path target, boolean existingDir) {
      super("cannot overwrite " + (existingDir ? "directory" : "non-directory") + " " + target);
      this.target = target;
      this.existingDir = existingDir;
    }
  }

  private static IOException invalidEntry(String name) {
    return new IOException("Invalid tar entry: " + name);
  }

  private static void applyMode(Path path, TarArchiveEntry entry) throws IOException {
    if (!Layers.hasPosix(path)) {
      return;
    }
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission permission : PosixFilePermission.values()) {
      if ((entry.getMode() & (0400 >> permission.ordinal())) != 0) {
        permissions.add(permission);
      }
    }
    Files.setPosixFilePermissions(path, permissions);
    FsWrites.touched();
  }
}
