package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.OutputStream;

/** Stderr shared by the stages of a pipeline: one message at a time. */
final class SharedOutput extends OutputStream {
  private final OutputStream out;

  SharedOutput(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    synchronized (out) {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    synchronized (out) {
      out.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }
}
