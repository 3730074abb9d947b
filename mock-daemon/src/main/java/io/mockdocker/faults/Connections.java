package io.mockdocker.faults;

import java.io.Closeable;
import java.io.IOException;
import org.xnio.IoUtils;
import org.xnio.Option;
import org.xnio.Options;

/** Ending connections the two ways networks do. */
final class Connections {
  private Connections() {}

  /** Resets: {@code SO_LINGER} 0, then close, so the peer gets an RST. */
  static void reset(io.undertow.server.ServerConnection connection) {
    abort(connection::setOption, connection);
  }

  static void reset(org.xnio.StreamConnection connection) {
    abort(connection::setOption, connection);
  }

  /** Closes normally: the peer reads what was sent, then the end of the stream. */
  static void close(Closeable connection) {
    IoUtils.safeClose(connection);
  }

  private interface OptionSetter {
    <T> T set(Option<T> option, T value) throws IOException;
  }

  private static void abort(OptionSetter options, Closeable connection) {
    try {
      options.set(Options.CLOSE_ABORT, true);
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
    IoUtils.safeClose(connection);
  }
}
