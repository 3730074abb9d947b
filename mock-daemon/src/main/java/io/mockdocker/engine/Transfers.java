package io.mockdocker.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Byte transfers with the daemon's progress reporting, and tar extraction with the daemon's error texts. */
final class Transfers {
  /** The read size of Go's io.Copy, which fed the daemon's progress readers. */
  static final int CHUNK = 32 * 1024;

  private Transfers() {}

  /**
   * Reads {@code bytes} through a progress reader: an update whenever the cadence says so, one more at the end, then
   * the end-of-transfer marker.
   */
  static byte[] withProgress(byte[] bytes, long total, String action, ProgressSink sink) {
    ProgressCadence cadence = new ProgressCadence(total);
    for (int offset = 0; offset < bytes.length; offset += CHUNK) {
      int n = Math.min(CHUNK, bytes.length - offset);
      if (cadence.onRead(n)) {
        sink.progress(action, cadence.text());
      }
    }
    sink.progress(action, cadence.text());
    sink.endOfTransfer();
    return bytes;
  }

  static byte[] readAll(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new DockerException("unexpected EOF", e);
    }
  }

  /**
   * Extracts a tarball (plain, gzip, bzip2 or xz) into {@code dir}. Fails as the daemon's Untar did: {@code EOF} when
   * fewer than 10 bytes arrive (its Peek), else the text GNU tar printed; an archive over {@code limits} with the
   * limit's own text.
   */
  static void untar(byte[] archive, Path dir, TarLimits limits) {
    if (archive.length < 10) {
      throw new DockerException("EOF");
    }
    try {
      Layers.extractTar(new ByteArrayInputStream(archive), dir, limits);
    } catch (Layers.TarLimitException e) {
      throw new DockerException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new DockerException(untarError(e.getMessage()), e);
    }
  }

  /** The text the daemon returned when GNU tar failed: {@code exit status 2: <tar's stderr>}. */
  static String untarError(String message) {
    String m = String.valueOf(message);
    if (m.contains(Layers.UNEXPECTED_EOF)) {
      return "exit status 2: tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n";
    }
    if (m.startsWith("Invalid tar entry") || m.startsWith("Corrupt")) {
      return "exit status 2: tar: " + m + "\ntar: Exiting with failure status due to previous errors\n";
    }
    return "exit status 2: tar: This does not look like a tar archive\n"
        + "tar: Exiting with failure status due to previous errors\n";
  }
}
