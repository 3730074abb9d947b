package io.mockdocker.internal.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A source conduit whose every read goes through {@link #read(ByteBuffer)}: scattering reads fill the first buffer
 * with room, and transfers copy through it, so that a decoder or a check sees each byte once.
 */
abstract class SourceConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
  SourceConduit(StreamSourceConduit next) {
    super(next);
  }

  @Override
  public abstract int read(ByteBuffer dst) throws IOException;

  @Override
  public final long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    for (int i = offs; i < offs + len; i++) {
      if (dsts[i].hasRemaining()) {
        return read(dsts[i]);
      }
    }
    return 0;
  }

  @Override
  public final long transferTo(long position, long count, FileChannel target) throws IOException {
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public final long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
    return IoUtils.transfer(new ConduitReadableByteChannel(this), count, throughBuffer, target);
  }
}
