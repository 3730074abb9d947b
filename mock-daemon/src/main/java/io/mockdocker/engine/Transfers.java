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
   * fewer than 10 bytes arrive (its Peek), else the text GNU tar printed.
   */
  static void untar(byte[] archive, Path dir) {
    if (archive.length < 10) {
      throw new DockerException("EOF");
    }
    try {
      Layers.extractTar(new ByteArrayInputStream(archive), dir);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("truncated") || message.contains("eof") || message.contains("premature")) {
        throw new DockerException("exit status 2: tar: Unexpected EOF in archive\n"
            + "tar: Error is not recoverable: exiting now\n", e);
      }
      throw new DockerException("exit status 2: tar: This does not look like a tar archive\n"
          + "tar: Exiting with failure status due to previous errors\n", e);
    } catch (UncheckedIOException e) {
      throw new DockerException("exit status 2: tar: This does not look like a tar archive\n"
          + "tar: Exiting with failure status due to previous errors\n", e);
    }
  }
}
