package io.mockdocker.internal.rcli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's side of an rcli connection, as the era's {@code DockerTCPConn} wrote it: before the first bytes (or at
 * the first {@link #flush()}) one line of connection options, {@code {"RawTerminal":false}} or {@code true} when the
 * command asked for a raw terminal; then the command's output, stdout and stderr alike. A command that writes nothing
 * sends nothing, not even the options line.
 */
final class RcliOutput {
  private final OutputStream out;
  private boolean handshaked;
  private boolean rawTerminal;

  RcliOutput(OutputStream out) {
    this.out = out;
  }

  /** Asks the client for a raw terminal; only effective before the options line is out. */
  synchronized void rawTerminal() {
    rawTerminal = true;
  }

  synchronized void write(byte[] bytes) {
    try {
      if (!handshaked) {
        handshaked = true;
        out.write(("{\"RawTerminal\":" + rawTerminal + "}\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void print(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the options line now if it is not out yet. */
  void flush() {
    write(new byte[0]);
  }
}
