package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.StdStream;
import io.mockdocker.internal.engine.StreamSink;
import io.mockdocker.internal.http.ModernVersion;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes process output for a modern client: multiplexed ("stdcopy": a type byte, three
 * zeros, the big-endian length, the payload) for a container without a TTY, raw bytes otherwise. Each write is
 * flushed.
 */
final class StdFrames implements StreamSink {
  static final String RAW_STREAM = "application/vnd.docker.raw-stream";
  static final String MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";

  private final OutputStream out;
  private final boolean multiplexed;

  StdFrames(OutputStream out, boolean multiplexed) {
    this.out = out;
    this.multiplexed = multiplexed;
  }

  /** The Content-Type of such output: multiplexed-stream for non-TTY output on 1.42+, else raw-stream. */
  static String contentType(ModernVersion version, boolean tty) {
    return !tty && version.multiplexedStreams() ? MULTIPLEXED_STREAM : RAW_STREAM;
  }

  /** One frame's bytes. */
  static byte[] frame(StdStream stream, byte[] payload) {
    byte[] frame = new byte[8 + payload.length];
    frame[0] = (byte) stream.ordinal();
    int n = payload.length;
    frame[4] = (byte) (n >>> 24);
    frame[5] = (byte) (n >>> 16);
    frame[6] = (byte) (n >>> 8);
    frame[7] = (byte) n;
    System.arraycopy(payload, 0, frame, 8, n);
    return frame;
  }

  @Override
  public synchronized void write(StdStream stream, byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return;
    }
    out.write(multiplexed ? frame(stream, bytes) : bytes);
    out.flush();
  }
}
