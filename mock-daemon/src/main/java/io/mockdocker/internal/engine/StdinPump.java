package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.InputStream;

/** Copies a client's stdin into a process's input pipe, for attach and exec alike. */
final class StdinPump {
  /** What the pipe does when the client's input ends (or the client goes away). */
  enum AtEnd {
    /** The process reads EOF. */
    CLOSE,
    /** The pipe stays open for the next attach (an attach without stdin-once). */
    KEEP_OPEN
  }

  private StdinPump() {}

  /** Copies until the client's input ends; a client that goes away counts as the end. */
  static void copy(InputStream clientIn, BytePipe pipe, AtEnd atEnd) {
    byte[] buf = new byte[32 * 1024];
    try {
      int n;
      while ((n = clientIn.read(buf)) > 0) {
        pipe.output().write(buf, 0, n);
      }
    } catch (IOException e) {
      // the client went away: as EOF
    }
    if (atEnd == AtEnd.CLOSE) {
      pipe.close();
    }
  }
}
