package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The three standard streams of one command. */
record Io(InputStream in, OutputStream out, OutputStream err) {

  Io withIn(InputStream in) {
    return new Io(in, out, err);
  }

  Io withOut(OutputStream out) {
    return new Io(in, out, err);
  }

  void flushQuietly() {
    try {
      out.flush();
    } catch (IOException ignored) {
      // a client that went away; the next write reports it
    }
    try {
      err.flush();
    } catch (IOException ignored) {
      // as above
    }
  }
}
