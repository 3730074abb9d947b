package io.mockdocker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Hand-made archives, the one tar writer of the tests and benchmarks: layers of an exact size, build contexts,
 * hostile ones too (names with {@code ..}, absolute names, symlinks, bombs). Names are written as given.
 */
public final class Tars {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStream sink;
  private final TarArchiveOutputStream tar;

  private Tars(boolean gzip, int blockSize) {
    try {
      sink = gzip ? new GZIPOutputStream(bytes, 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      } : bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (blockSize == 0) {
      tar = new TarArchiveOutputStream(sink);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    } else { // plain ustar headers: no PAX record, so the size is what the entries make it
      tar = new TarArchiveOutputStream(sink, blockSize);
    }
  }

  /** An uncompressed tar in commons-compress's default blocks. */
  public static Tars plain() {
    return new Tars(false, 0);
  }

  /** A gzipped tar. */
  public static Tars gzip() {
    return new Tars(true, 0);
  }

  /**
   * An uncompressed ustar in 512-byte records and without PAX headers, so its size is known by hand (each entry's
   * header and padded content, plus two end records).
   */
  public static Tars compact() {
    return new Tars(false, 512);
  }

  public Tars file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public Tars file(String name, byte[] content) {
    try {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(content.length);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of {@code size} zero bytes, streamed (through gzip it costs almost nothing). */
  public Tars zeros(String name, long size) {
    try {
      TarArchiveEntry e = new TarArchiveEntry(name, true);
      e.setSize(size);
      tar.putArchiveEntry(e);
      byte[] block = new byte[1 << 16];
      for (long left = size; left > 0; left -= block.length) {
        tar.write(block, 0, (int) Math.min(block.length, left));
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Tars dir(String name) {
    return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true));
  }

  public Tars symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    return entry(e);
  }

  public Tars hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    e.setLinkName(target);
    return entry(e);
  }

  private Tars entry(TarArchiveEntry e) {
    try {
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public byte[] bytes() {
    try {
      tar.finish();
      tar.flush();
      sink.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a plain tar, in order: each name with its content (empty for directories and links). */
  public static java.util.Map<String, byte[]> read(byte[] tar) {
    java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new java.io.ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The archive, zero-padded to exactly {@code length} bytes. */
  public byte[] bytes(int length) {
    byte[] tar = bytes();
    if (tar.length > length) {
      throw new IllegalArgumentException("tar is already " + tar.length + " bytes");
    }
    return Arrays.copyOf(tar, length);
  }
}
