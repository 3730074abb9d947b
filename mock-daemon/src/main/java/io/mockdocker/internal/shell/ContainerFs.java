package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Container paths over the container's root directory. Absolute paths start at the root, relative ones at the
 * working directory; {@code ..} stops at {@code /}, and symbolic links are followed inside the root (an absolute
 * target starts again at the container's root), so nothing reaches outside it. {@code /dev/null} and
 * {@code /dev/zero} behave as devices.
 */
final class ContainerFs {
  static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final FsRoot root;
  private final String cwd;

  ContainerFs(FsRoot root, String cwd) {
    this.root = root;
    this.cwd = cwd;
  }

  /** {@code path} as a normalized absolute container path ({@code ..} clamps at {@code /}). */
  String absolute(String path) {
    return normalize(cwd, path);
  }

  static String normalize(String base, String path) {
    String full = path.startsWith("/") ? path : (base == null ? "/" : base) + "/" + path;
    List<String> done = new ArrayList<>();
    for (String c : full.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
      } else {
        done.add(c);
      }
    }
    return "/" + String.join("/", done);
  }

  /** The file {@code path} names, following every symbolic link inside the root. */
  Path resolve(String path) throws IOException {
    return resolve(path, true);
  }

  /**
   * The file {@code path} names; links in the parent directories are followed inside the root, the last
   * component only when {@code followLast}.
   */
  Path resolve(String path, boolean followLast) throws IOException {
    return root.resolve(path.startsWith("/") ? path : cwd + "/" + path, followLast);
  }

  /** The file {@code path} names, for a change: fails with {@code Read-only file system} in a read-only mount. */
  Path resolveForWrite(String path, boolean followLast) throws IOException {
    Path p = resolve(path, followLast);
    root.requireWritable(p, path);
    return p;
  }

  /** Fails with {@code Read-only file system} when {@code file} lies in a read-only mount. */
  void requireWritable(Path file, String shown) throws IOException {
    root.requireWritable(file, shown);
  }

  /** Contents of a file for reading, with the devices. */
  InputStream openRead(String path) throws IOException {
    String abs = absolute(path);
    if (abs.equals("/dev/null")) {
      return InputStream.nullInputStream();
    }
    if (abs.equals("/dev/zero")) {
      return new Zeros();
    }
    Path p = resolve(path);
    if (Files.isDirectory(p)) {
      throw new FileSystemException(path, null, "Is a directory");
    }
    return Files.newInputStream(p);
  }

  /** A file opened for writing (created, truncated unless {@code append}), with {@code /dev/null}. */
  OutputStream openWrite(String path, boolean append, Instant now) throws IOException {
    String abs = absolute(path);
    if (abs.equals("/dev/null") || abs.equals("/dev/zero")) {
      return OutputStream.nullOutputStream();
    }
    Path p = resolveForWrite(path, true);
    if (Files.isDirectory(p)) {
      throw new FileSystemException(path, null, "Is a directory");
    }
    if (!Files.isDirectory(p.getParent() == null ? p : p.getParent())) {
      throw new NoSuchFileException(path);
    }
    OutputStream out = append
        ? Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
        : Files.newOutputStream(p);
    touch(p, now);
    return new StampingOutput(out, p, now);
  }

  /** Sets a file's modification time, ignoring failures (the time is cosmetic). */
  static void touch(Path p, Instant now) {
    try {
      FsWrites.setLastModifiedTime(p, FileTime.from(now));
    } catch (IOException | UnsupportedOperationException ignored) {
      // keep the file system's own time
    }
  }

  /** Like strerror: the reason an I/O error reports, in the words GNU tools print. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    } else if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    } else if (e instanceof NotDirectoryException) {
      return "Not a directory";
    } else if (e instanceof AccessDeniedException) {
      return "Permission denied";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      String r = fse.getReason();
      return switch (r.toLowerCase(java.util.Locale.ROOT)) {
        case "is a directory" -> "Is a directory";
        case "not a directory" -> "Not a directory";
        case "directory not empty" -> "Directory not empty";
        case "read-only file system" -> FsRoot.READ_ONLY;
        default -> r;
      };
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** {@code /dev/zero}. */
  private static final class Zeros extends InputStream {
    @Override
    public int read() {
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 0);
      return len;
    }
  }

  /** Stamps the file with the shell's clock when the redirection closes. */
  private static final class StampingOutput extends java.io.FilterOutputStream {
    private final Path path;
    private final Instant now;

    StampingOutput(OutputStream out, Path path, Instant now) {
      super(out);
      this.path = path;
      this.now = now;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      super.close();
      touch(path, now);
    }
  }
}
