package io.mockdocker.internal.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The (decompressed) bytes under the tar reader: counts what it hands out, so a short header record can be told
 * from a clean end, and words decompression failures. Mark/reset is not offered, so the tar reader never re-reads.
 */
final class TarSourceStream extends FilterInputStream {
  private final String format;
  private long count;

  TarSourceStream(InputStream in, String format) {
    super(in);
    this.format = format;
  }

  long count() {
    return count;
  }

  boolean compressed() {
    return format != null;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b != -1) {
        count++;
      }
      return b;
    } catch (IOException e) {
      throw translate(e, format);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    } catch (IOException e) {
      throw translate(e, format);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      long skipped = super.skip(n);
      count += Math.max(skipped, 0);
      return skipped;
    } catch (IOException e) {
      throw translate(e, format);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Words a read failure; failures of an uncompressed source pass through unless they are a truncation. */
  static IOException translate(IOException e, String format) {
    if (e instanceof TarFormatException) {
      return e;
    }
    if (TarExtraction.isTruncation(e)) {
      return new TarFormatException(Layers.UNEXPECTED_EOF, e);
    }
    return format == null ? e : new TarFormatException("Corrupt " + format + " stream", e);
  }
}
