package io.mockdocker.internal.http;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.ConduitFactory;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Takes over an exchange's connection, as the daemon's {@code http.Hijacker} did: Undertow's own response head is
 * swallowed, the caller's exact head bytes are written and flushed alone, and a session then owns the raw,
 * two-way byte stream until it closes it.
 */
public final class Hijack {
  /** The era's attach head. */
  static final byte[] RAW_STREAM_HEAD =
      "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  /** The head modern clients asking for {@code Upgrade: tcp} expect. */
  static final byte[] UPGRADE_HEAD = ("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
      + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private static final long SLICE_MILLIS = 200;
  private static final long ERA_PAUSE_MILLIS = 20;

  /** What runs on the taken-over connection. */
  public interface Session {
    void run(InputStream in, OutputStream out) throws Exception;
  }

  private Hijack() {}

  /** The head for this request: 101 when it asks for {@code Upgrade: tcp}, else the era's 200. */
  public static byte[] headFor(HttpServerExchange ex) {
    String upgrade = ex.getRequestHeaders().getFirst(Headers.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("tcp") ? UPGRADE_HEAD : RAW_STREAM_HEAD;
  }

  /**
   * A head of the caller's choosing: the status line (e.g. {@code HTTP/1.1 101 UPGRADED}), then each header as
   * {@code name: value}, in the order given, then the blank line.
   */
  public static byte[] head(String statusLine, java.util.List<java.util.Map.Entry<String, String>> headers) {
    StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
    for (java.util.Map.Entry<String, String> h : headers) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  public static void start(HttpServerExchange ex, byte[] head, ExecutorService threads, Session session) {
    start(ex, head, ERA_PAUSE_MILLIS, threads, session);
  }

  /**
   * Hijacks with {@code head}, flushed alone and followed by a pause of {@code pauseMillis} before the session's
   * first byte (clients that read the head with a buffered HTTP parser lose bytes that arrive with it).
   */
  public static void start(HttpServerExchange ex, byte[] head, long pauseMillis, ExecutorService threads,
      Session session) {
    DockerApi.RawStreamWrapper wrapper = ex.getAttachment(DockerApi.RAW_STREAM);
    ex.setPersistent(true);
    ex.putAttachment(DockerApi.HIJACKED_STATUS, status(head));
    ex.addResponseWrapper(new SwallowHead());
    ex.upgradeChannel("tcp", (connection, exchange) -> {
      try {
        threads.execute(() -> serve(connection, head, pauseMillis, wrapper, session));
      } catch (RejectedExecutionException e) {
        closeQuietly(connection);
      }
    });
    if (HttpContinue.requiresContinueResponse(ex)) {
      HttpContinue.markContinueResponseSent(ex);
    }
    ex.endExchange();
  }

  /** The status code of a head ({@code HTTP/1.1 101 …}). */
  private static int status(byte[] head) {
    String line = new String(head, 0, Math.min(head.length, 12), StandardCharsets.US_ASCII);
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (RuntimeException e) {
      return 200;
    }
  }

  private static void serve(StreamConnection connection, byte[] head, long pauseMillis,
      DockerApi.RawStreamWrapper wrapper, Session session) {
    StreamSourceChannel source = connection.getSourceChannel();
    StreamSinkChannel sink = connection.getSinkChannel();
    source.suspendReads();
    sink.suspendWrites();
    source.getReadSetter().set(null);
    sink.getWriteSetter().set(null);
    ChannelOut out = new ChannelOut(sink, connection);
    try {
      out.write(head);
      out.flush();
      Thread.sleep(pauseMillis); // clients lose bytes that share a read with the head
      OutputStream sessionOut = wrapper == null ? out : wrapper.wrap(out, connection);
      session.run(new ChannelIn(source, connection), sessionOut);
      sessionOut.flush();
    } catch (Exception e) {
      // the client went away or the session failed: either way the connection ends here
    } finally {
      try {
        sink.shutdownWrites();
        for (int i = 0; i < 10 && !sink.flush(); i++) {
          sink.awaitWritable(SLICE_MILLIS, TimeUnit.MILLISECONDS);
        }
      } catch (IOException ignored) {
        // closing anyway
      }
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(StreamConnection connection) {
    try {
      connection.close();
    } catch (IOException | RejectedExecutionException ignored) {
      // already gone, or the daemon is closing and its I/O thread with it
    }
  }

  /** Blocking reads in short slices, so a closed connection is noticed. */
  private static final class ChannelIn extends InputStream {
    private final StreamSourceChannel channel;
    private final StreamConnection connection;

    ChannelIn(StreamSourceChannel channel, StreamConnection connection) {
      this.channel = channel;
      this.connection = connection;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (true) {
        if (!connection.isOpen()) {
          return -1;
        }
        int n = channel.read(buf);
        if (n != 0) {
          return n;
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new java.io.InterruptedIOException();
        }
        channel.awaitReadable(SLICE_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Blocking writes in short slices. */
  private static final class ChannelOut extends OutputStream {
    private final StreamSinkChannel channel;
    private final StreamConnection connection;

    ChannelOut(StreamSinkChannel channel, StreamConnection connection) {
      this.channel = channel;
      this.connection = connection;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        if (!connection.isOpen()) {
          throw new IOException("connection closed");
        }
        if (channel.write(buf) == 0) {
          channel.awaitWritable(SLICE_MILLIS, TimeUnit.MILLISECONDS);
        }
      }
    }

    @Override
    public void flush() throws IOException {
      while (!channel.flush()) {
        if (!connection.isOpen()) {
          throw new IOException("connection closed");
        }
        channel.awaitWritable(SLICE_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Discards the response head Undertow writes for the upgrade and ends that response. */
  private static final class SwallowHead implements ConduitWrapper<StreamSinkConduit> {
    @Override
    public StreamSinkConduit wrap(ConduitFactory<StreamSinkConduit> factory, HttpServerExchange exchange) {
      StreamSinkConduit next = factory.create();
      return new AbstractStreamSinkConduit<>(next) {
        private boolean shutdown;

        @Override
        public int write(ByteBuffer src) {
          int n = src.remaining();
          src.position(src.limit());
          return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
          long n = 0;
          for (int i = offset; i < offset + length; i++) {
            n += srcs[i].remaining();
            srcs[i].position(srcs[i].limit());
          }
          return n;
        }

        @Override
        public int writeFinal(ByteBuffer src) {
          return write(src);
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offset, int length) {
          return write(srcs, offset, length);
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) {
          return count;
        }

        @Override
        public void terminateWrites() {
          shutdown = true;
        }

        @Override
        public boolean flush() throws IOException {
          if (shutdown) {
            io.undertow.server.Connectors.terminateResponse(exchange);
          }
          return true;
        }
      };
    }
  }
}
