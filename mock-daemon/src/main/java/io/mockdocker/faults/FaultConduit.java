package io.mockdocker.faults;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The response body's output wrapper (above the chunked encoding, so it counts the endpoint's bytes): writes go
 * out in the slices {@link StreamFaults} allows, so each fault happens exactly at its count. After a fault ended the
 * body, writes are dropped; after one broke the connection, they fail.
 */
final class FaultConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
  private final HttpServerExchange exchange;
  private final StreamFaults faults;
  private final StreamFaults.Wire wire = new ConduitWire();
  private boolean ended;

  FaultConduit(StreamSinkConduit next, HttpServerExchange exchange, StreamFaults faults) {
    super(next);
    this.exchange = exchange;
    this.faults = faults;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (!src.hasRemaining()) {
      return 0;
    }
    int allowed = faults.allowance(src, wire);
    if (faults.state() == StreamFaults.State.ENDED) {
      int dropped = src.remaining();
      src.position(src.limit());
      return dropped;
    }
    ByteBuffer slice = src.duplicate();
    slice.limit(slice.position() + Math.min(allowed, src.remaining()));
    int n = next.write(slice);
    if (n > 0) {
      ByteBuffer written = src.duplicate();
      written.limit(src.position() + n);
      src.position(src.position() + n);
      faults.wrote(written, wire);
    }
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      if (srcs[i].hasRemaining()) {
        return write(srcs[i]);
      }
    }
    return 0;
  }

  @Override
  public int writeFinal(ByteBuffer src) throws IOException {
    return Conduits.writeFinalBasic(this, src);
  }

  @Override
  public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return Conduits.writeFinalBasic(this, srcs, offset, length);
  }

  @Override
  public long transferFrom(FileChannel src, long position, long count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 8192));
    int read = src.read(buf, position);
    if (read <= 0) {
      return read;
    }
    buf.flip();
    return write(buf);
  }

  @Override
  public void terminateWrites() throws IOException {
    faults.check();
    if (!ended) {
      ended = true;
      next.terminateWrites();
    }
  }

  @Override
  public boolean flush() throws IOException {
    faults.check();
    return next.flush();
  }

  /** The wire under this conduit. */
  private final class ConduitWire implements StreamFaults.Wire {
    @Override
    public void send(byte[] bytes) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        if (next.write(buf) == 0) {
          next.awaitWritable();
        }
      }
    }

    @Override
    public void push() throws IOException {
      while (!next.flush()) {
        next.awaitWritable();
      }
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
      StreamSinkConduit raw = ((AbstractServerConnection) exchange.getConnection()).getOriginalSinkConduit();
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        if (raw.write(buf) == 0) {
          raw.awaitWritable();
        }
      }
      while (!raw.flush()) {
        raw.awaitWritable();
      }
    }

    @Override
    public void end() throws IOException {
      ended = true;
      next.terminateWrites();
      push();
    }

    @Override
    public void reset() {
      Connections.reset(exchange.getConnection());
    }

    @Override
    public void hangUp() {
      Connections.close(exchange.getConnection());
    }

    @Override
    public String contentType() {
      return StreamFaults.contentType(exchange);
    }
  }
}
