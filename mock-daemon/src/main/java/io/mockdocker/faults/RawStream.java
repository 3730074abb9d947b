package io.mockdocker.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.xnio.StreamConnection;

/** An attach stream's output wrapper: the same faults at byte and message counts, on the taken-over connection. */
final class RawStream extends OutputStream implements StreamFaults.Wire {
  private final OutputStream out;
  private final StreamConnection connection;
  private final StreamFaults faults;

  RawStream(OutputStream out, StreamConnection connection, StreamFaults faults) {
    this.out = out;
    this.connection = connection;
    this.faults = faults;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ByteBuffer src = ByteBuffer.wrap(b, off, len);
    while (src.hasRemaining()) {
      int allowed = faults.allowance(src, this);
      if (faults.state() == StreamFaults.State.ENDED) {
        return;
      }
      int n = Math.min(allowed, src.remaining());
      out.write(b, src.position(), n);
      ByteBuffer written = src.duplicate();
      written.limit(src.position() + n);
      src.position(src.position() + n);
      faults.wrote(written, this);
    }
  }

  @Override
  public void flush() throws IOException {
    faults.check();
    out.flush();
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
  }

  @Override
  public void push() throws IOException {
    out.flush();
  }

  @Override
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public void end() {
    Connections.close(connection);
  }

  @Override
  public void reset() {
    Connections.reset(connection);
  }

  @Override
  public void hangUp() {
    Connections.close(connection);
  }

  @Override
  public String contentType() {
    return "application/vnd.docker.raw-stream";
  }
}
