package io.mockdocker.internal.http;

import io.mockdocker.internal.engine.ConnectionDropped;
import io.undertow.conduits.ChunkedStreamSourceConduit;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.StreamSinkConduit;

/**
 * A connection's bytes on their way to the HTTP parser and the daemon's handlers: each request head is looked at
 * before the parser has all of it, and a request body that stops coming is timed out.
 *
 * <p>Heads. An HTTP/1.1 request without a {@code Host} header is answered here as Go's server answered it, before
 * any of its body is read ({@code 400 Bad Request: missing required Host header}, the connection closed); Undertow
 * would refuse it with a 400 of its own before the daemon's handlers run and then read its body with its own chunk
 * decoder, which a malformed chunk trailer or a chunk size over its limit makes close the connection without an
 * answer, logging the failure. A head is handed over only up to its blank line, so that a body always comes through
 * here after its head: when Undertow's chunk decoder reads one (a request its server refused before the daemon's
 * {@link Framing} replaced the decoder, e.g. one with two {@code Host} headers) it gets an empty body and the refusal
 * goes out.
 *
 * <p>Bodies. Once a request's head is read, whoever reads its body (an endpoint, or the server throwing away what
 * an endpoint left) and finds nothing there waits at most the connection's idle timeout for the next byte; then the
 * connection is closed without an answer, as the head's timeout closes one. A body that keeps coming, however
 * slowly, is read to its end (the body limit bounds it); an endpoint busy with what it has read is not timed out.
 *
 * <p>{@link Framing} tells this check when a request is over ({@link #requestDone}); after an upgraded exchange (an
 * attach) the bytes are the container's stream and pass untouched.
 */
public final class ClientInput extends SourceConduit {
  /** Go's answer to an HTTP/1.1 request without a Host header. */
  static final byte[] MISSING_HOST = ("HTTP/1.1 400 Bad Request: missing required Host header\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
      + "400 Bad Request: missing required Host header").getBytes(StandardCharsets.US_ASCII);
  /** The short answer {@link Framing} gives a length it cannot read, whose check comes before Go's Host check. */
  static final byte[] BAD_LENGTH = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);
  /** The end of an empty chunked body. */
  private static final byte[] NO_CHUNKS = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  /**
   * How much a read of a head takes from the socket at once: a docker client's heads are a few hundred bytes, and a
   * longer one is read in several rounds (its scan goes on where the last one stopped).
   */
  private static final int HEAD_READ = 4 * 1024;
  /** Beyond this a head is the parser's to refuse (its own limit is 1 MiB). */
  private static final int MAX_HEAD = 1 << 20;

  private enum State {
    /** Reading a request head. */
    HEAD,
    /** The head went to the parser: the request's body and its handling. */
    REQUEST,
    /** An upgraded connection: raw bytes. */
    RAW,
    /** Answered here, or a refused body ended: nothing more is read. */
    CLOSED
  }

  private final StreamConnection connection;
  private final StreamSinkConduit sink;
  /** Bytes read from the socket and not yet handed on; room is made at the first read of a head. */
  private ByteBuffer buffer = ByteBuffer.allocate(0);
  private final HeadScan scan = new HeadScan();
  private final long idleNanos;
  private volatile State state = State.HEAD;
  private ByteBuffer ending;
  /** When a read of the current request's body first found nothing, since its last byte; 0 while bytes come. */
  private volatile long drySince;
  private volatile boolean stallCheckScheduled;
  /** A reader is blocked in {@link #awaitReadable}. */
  private volatile boolean waiting;

  private ClientInput(StreamConnection connection, long idleMillis) {
    super(connection.getSourceChannel().getConduit());
    this.connection = connection;
    this.sink = connection.getSinkChannel().getConduit();
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
  }

  /**
   * Puts the check under everything that reads {@code connection}; called before the HTTP parser gets it.
   *
   * @param idleMillis the longest a request body may leave its reader waiting for its next byte
   */
  public static void install(StreamConnection connection, long idleMillis) {
    connection.getSourceChannel().setConduit(new ClientInput(connection, idleMillis));
  }

  /**
   * {@code ex} is over: the next bytes are the next request's head, or after an upgrade the stream's. Called by the
   * daemon's outermost handler when the exchange completes.
   */
  static void requestDone(HttpServerExchange ex) {
    if (ex.getConnection() instanceof HttpServerConnection c
        && c.getOriginalSourceConduit() instanceof ClientInput check && check.state == State.REQUEST) {
      check.drySince = 0;
      check.state = ex.isUpgrade() ? State.RAW : State.HEAD;
    }
  }

  /**
   * Bytes a body decoder read past its body's end, handed back: they are the next request's, and its head is to be
   * checked like any other.
   */
  static boolean unread(HttpServerConnection connection, ByteBuffer rest) {
    if (!(connection.getOriginalSourceConduit() instanceof ClientInput check)) {
      return false;
    }
    ByteBuffer joined = ByteBuffer.allocate(Math.max(HEAD_READ, rest.remaining() + check.buffer.remaining()));
    joined.put(rest).put(check.buffer).flip();
    check.buffer = joined;
    return true;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    switch (state) {
      case CLOSED -> {
        return -1;
      }
      case HEAD -> {
        return readHead(dst);
      }
      default -> {
        if (state == State.REQUEST && refusedBody()) {
          return endRefusedBody(dst);
        }
        if (buffer.hasRemaining()) {
          drySince = 0;
          return copy(dst, Math.min(dst.remaining(), buffer.remaining()));
        }
        int r = next.read(dst);
        if (state == State.REQUEST) {
          if (r != 0) {
            drySince = 0;
          } else if (drySince == 0) {
            drySince = System.nanoTime();
            scheduleStallCheck(idleNanos);
          }
        }
        return r;
      }
    }
  }

  private int readHead(ByteBuffer dst) throws IOException {
    if (!buffer.hasRemaining()) {
      if (buffer.capacity() < HEAD_READ) {
        buffer = ByteBuffer.allocate(HEAD_READ);
      }
      buffer.clear();
      int r;
      try {
        r = next.read(buffer);
      } finally {
        buffer.flip();
      }
      if (r <= 0) {
        return r;
      }
    }
    int n = Math.min(dst.remaining(), buffer.remaining());
    int end = scan.feed(buffer, n);
    if (end < 0) {
      if (scan.total() > MAX_HEAD) {
        scan.reset();
        state = State.REQUEST;
      }
      return copy(dst, n);
    }
    byte[] answer = scan.verdict();
    scan.reset();
    if (answer != null) {
      answer(answer);
      return -1;
    }
    drySince = 0;
    state = State.REQUEST;
    return copy(dst, end);
  }

  private int copy(ByteBuffer dst, int n) {
    int limit = buffer.limit();
    buffer.limit(buffer.position() + n);
    dst.put(buffer);
    buffer.limit(limit);
    return n;
  }

  /** Answers the head in place of the server, closes the connection's writing side, and reads nothing more. */
  private void answer(byte[] answer) {
    state = State.CLOSED;
    buffer.position(buffer.limit());
    try {
      ByteBuffer out = ByteBuffer.wrap(answer);
      for (int tries = 0; out.hasRemaining() && tries < 100; tries++) {
        if (sink.write(out) == 0) {
          sink.awaitWritable(10, TimeUnit.MILLISECONDS);
        }
      }
      sink.terminateWrites();
      sink.flush();
    } catch (IOException e) {
      // the client is gone: nothing to answer
      IoUtils.safeClose(connection);
    }
  }

  /**
   * Whether Undertow's own chunk decoder is reading a body: the daemon's handlers replace it for every request they
   * see, so its server refused this one before them and is reading the body to throw it away.
   */
  private boolean refusedBody() {
    return ending != null || connection.getSourceChannel().getConduit() instanceof ChunkedStreamSourceConduit;
  }

  /** An empty chunked body in place of the refused one, then the end of the connection. */
  private int endRefusedBody(ByteBuffer dst) {
    if (ending == null) {
      ending = ByteBuffer.wrap(NO_CHUNKS);
      buffer.position(buffer.limit());
    }
    if (!ending.hasRemaining()) {
      state = State.CLOSED;
      return -1;
    }
    int n = Math.min(dst.remaining(), ending.remaining());
    int limit = ending.limit();
    ending.limit(ending.position() + n);
    dst.put(ending);
    ending.limit(limit);
    return n;
  }

  @Override
  public void resumeReads() {
    if (buffer.hasRemaining() && state != State.CLOSED || ending != null) {
      next.wakeupReads(); // bytes are waiting here: the reader must not wait for the socket
      return;
    }
    next.resumeReads();
  }

  private void scheduleStallCheck(long delayNanos) {
    if (!stallCheckScheduled) {
      stallCheckScheduled = true;
      connection.getIoThread().executeAfter(this::stallCheck, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A dry spell's end, for a reader that waits for read events (the server throwing away a body an endpoint left):
   * the connection is closed once the spell lasts the idle timeout. A reader blocked in {@link #awaitReadable} finds
   * it so itself when it wakes.
   */
  private void stallCheck() {
    stallCheckScheduled = false;
    long since = drySince;
    if (state != State.REQUEST || since == 0) {
      return; // bytes came: the next dry spell schedules its own check
    }
    long left = idleNanos - (System.nanoTime() - since);
    if (left > 0 || waiting) {
      scheduleStallCheck(Math.max(left, TimeUnit.MILLISECONDS.toNanos(10)));
      return;
    }
    state = State.CLOSED;
    IoUtils.safeClose(connection);
  }

  @Override
  public void awaitReadable() throws IOException {
    awaitReadable(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
  }

  @Override
  public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
    if (buffer.hasRemaining() || ending != null) {
      return;
    }
    if (state != State.REQUEST) {
      if (time == Long.MAX_VALUE) {
        next.awaitReadable();
      } else {
        next.awaitReadable(time, timeUnit);
      }
      return;
    }
    long since = drySince;
    long left = since == 0 ? idleNanos : idleNanos - (System.nanoTime() - since);
    if (left <= 0) {
      state = State.CLOSED;
      // the endpoint's answer is dropped with the connection, as a client that left would have it
      throw new ConnectionDropped("the request body stopped coming for " + idleNanos / 1_000_000 + " ms");
    }
    // woken at the latest when the body may have stalled, so that the reader's next wait finds it so
    waiting = true;
    try {
      next.awaitReadable(Math.max(1, Math.min(left, timeUnit.toNanos(time))), TimeUnit.NANOSECONDS);
    } finally {
      waiting = false;
    }
  }
}
