package io.mockdocker.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-made archives, hostile ones included: names with {@code ..}, absolute names, symlinks, bombs. */
final class Tars {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStream sink;
  private final TarArchiveOutputStream tar;

  private Tars(boolean gzip) {
    try {
      sink = gzip ? new GZIPOutputStream(bytes, 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      } : bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tar = new TarArchiveOutputStream(sink);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  static Tars plain() {
    return new Tars(false);
  }

  static Tars gzip() {
    return new Tars(true);
  }

  Tars file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Tars file(String name, byte[] content) {
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
  Tars zeros(String name, long size) {
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

  Tars dir(String name) {
    return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true));
  }

  Tars symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setLinkName(target);
    return entry(e);
  }

  Tars hardlink(String name, String target) {
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

  byte[] bytes() {
    try {
      tar.finish();
      tar.flush();
      sink.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
