package io.mockdocker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Passes the request body through unchanged while keeping its first bytes and counting all of them, so the journal
 * can summarise a body that the endpoint consumes as a stream.
 */
final class BodySampleConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
  private final Sample sample;

  BodySampleConduit(StreamSourceConduit next, Sample sample) {
    super(next);
    this.sample = sample;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int start = dst.position();
    int n = next.read(dst);
    sample.saw(dst, start, n);
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    long total = 0;
    for (int i = offs; i < offs + len; i++) {
      if (!dsts[i].hasRemaining()) {
        continue;
      }
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
    return Conduits.transfer(this, count, throughBuffer, target);
  }

  /** The first {@link RequestJournal#BODY_SAMPLE_BYTES} bytes of a body and its length so far. */
  static final class Sample {
    private final byte[] head = new byte[RequestJournal.BODY_SAMPLE_BYTES];
    private int headLength;
    private long length;

    synchronized void saw(ByteBuffer buffer, int start, int n) {
      if (n <= 0) {
        return;
      }
      int keep = Math.min(n, head.length - headLength);
      for (int i = 0; i < keep; i++) {
        head[headLength++] = buffer.get(start + i);
      }
      length += n;
    }

    synchronized String head() {
      return new String(head, 0, headLength, StandardCharsets.UTF_8);
    }

    synchronized long length() {
      return length;
    }
  }
}
