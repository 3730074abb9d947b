package io.mockdocker.internal.http;

import io.undertow.conduits.ReadDataStreamSourceConduit;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A chunked request body decoded as Go's server decoded one, in place of Undertow's decoder (which closes the
 * connection without an answer on a chunk size it cannot read, a chunk over its entity limit, or a malformed trailer).
 * A framing error, or a chunk that would take the body over the daemon's limit, ends the body where it is: the reader
 * sees the end of the stream, then {@link Call} fails with the error attached here (Go's texts: {@code invalid byte in
 * chunk length}, {@code http chunk length too large}, {@code malformed chunked encoding}, {@code malformed MIME header
 * line: …}; or the daemon's body limit), the answer says so, and the connection is closed after it.
 */
final class ChunkedBody extends SourceConduit {
  private static final AttachmentKey<RuntimeException> FAILURE = AttachmentKey.create(RuntimeException.class);
  /** Go's longest chunk-size or trailer line. */
  private static final int MAX_LINE = 4096;

  private enum State { SIZE, SIZE_LF, EXTENSION, DATA, DATA_CR, DATA_LF, TRAILER, DONE }

  private final HttpServerExchange exchange;
  private final HttpServerConnection connection;
  private final long maxBodyBytes;
  private final ByteBuffer raw = ByteBuffer.allocate(16 * 1024).flip();
  /** The current size line's length, or the current trailer line's bytes. */
  private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
  private State state = State.SIZE;
  private long size;
  private int digits;
  private boolean sizeEnded;
  private long remaining;
  private long total;

  private ChunkedBody(HttpServerExchange exchange, HttpServerConnection connection, long maxBodyBytes) {
    super(new ReadDataStreamSourceConduit(connection.getOriginalSourceConduit(), connection));
    this.exchange = exchange;
    this.connection = connection;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Puts this decoder in place of Undertow's for a chunked HTTP/1.1 request. */
  static void install(HttpServerExchange ex, long maxBodyBytes) {
    if (ex.getConnection() instanceof HttpServerConnection connection
        && connection.getChannel().getSourceChannel().getConduit()
            instanceof io.undertow.conduits.ChunkedStreamSourceConduit) {
      connection.getChannel().getSourceChannel().setConduit(new ChunkedBody(ex, connection, maxBodyBytes));
    }
  }

  /** The framing error that ended this request's body early, or null. */
  static RuntimeException failure(HttpServerExchange ex) {
    return ex.getAttachment(FAILURE);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    while (state != State.DONE) {
      if (state == State.DATA && raw.hasRemaining()) {
        int n = (int) Math.min(Math.min(raw.remaining(), remaining), dst.remaining());
        if (n == 0) {
          return 0;
        }
        int limit = raw.limit();
        raw.limit(raw.position() + n);
        dst.put(raw);
        raw.limit(limit);
        remaining -= n;
        if (remaining == 0) {
          state = State.DATA_CR;
        }
        return n;
      }
      while (state != State.DATA && state != State.DONE && raw.hasRemaining()) {
        step(raw.get() & 0xff);
      }
      if (state == State.DONE) {
        break;
      }
      if (!raw.hasRemaining()) {
        raw.clear();
        int r;
        try {
          r = next.read(raw);
        } finally {
          raw.flip();
        }
        if (r == -1) {
          throw new IOException("unexpected EOF");
        }
        if (r == 0) {
          return 0;
        }
      }
    }
    return -1;
  }

  /** One byte of a size line, the CRLF after a chunk's data, or a trailer line. */
  private void step(int c) {
    switch (state) {
      case SIZE -> {
        if (line.size() >= MAX_LINE) {
          fail(new ApiError(400, "header line too long"));
        } else if (c == '\r') {
          state = State.SIZE_LF;
        } else if (c == '\n') {
          sizeLineEnded();
        } else if (c == ';') {
          sizeEnded = true;
          state = State.EXTENSION;
        } else if ((c == ' ' || c == '\t') && digits > 0) {
          sizeEnded = true;
        } else if (Character.digit(c, 16) >= 0 && !sizeEnded) {
          if (digits == 16) {
            fail(new ApiError(400, "http chunk length too large"));
            return;
          }
          digits++;
          size = (size << 4) | Character.digit(c, 16);
        } else {
          fail(new ApiError(400, "invalid byte in chunk length"));
        }
        line.write('x');
      }
      case EXTENSION -> {
        if (line.size() >= MAX_LINE) {
          fail(new ApiError(400, "header line too long"));
        } else if (c == '\n') {
          sizeLineEnded();
        }
        line.write('x');
      }
      case SIZE_LF -> {
        if (c == '\n') {
          sizeLineEnded();
        } else {
          fail(new ApiError(400, "invalid byte in chunk length"));
        }
      }
      case DATA_CR -> {
        if (c == '\r') {
          state = State.DATA_LF;
        } else {
          fail(new ApiError(400, "malformed chunked encoding"));
        }
      }
      case DATA_LF -> {
        if (c == '\n') {
          startSize();
        } else {
          fail(new ApiError(400, "malformed chunked encoding"));
        }
      }
      case TRAILER -> trailer(c);
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void startSize() {
    state = State.SIZE;
    size = 0;
    digits = 0;
    sizeEnded = false;
    line.reset();
  }

  private void sizeLineEnded() {
    line.reset();
    if (digits == 0) {
      fail(new ApiError(400, "empty hex number for chunk length"));
    } else if (size == 0) {
      state = State.TRAILER;
    } else if (size < 0 || total + size > maxBodyBytes) {
      fail(Call.tooLarge(maxBodyBytes));
    } else {
      total += size;
      remaining = size;
      state = State.DATA;
    }
  }

  /** A trailer line: {@code Name: value} with a token for a name; an empty line ends the body. */
  private void trailer(int c) {
    if (c != '\n') {
      if (line.size() >= MAX_LINE) {
        fail(new ApiError(400, "header line too long"));
      } else {
        line.write(c);
      }
      return;
    }
    // as Go's texts print it: bytes that are not UTF-8 become U+FFFD in the JSON answer
    String text = line.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    line.reset();
    if (text.isEmpty()) {
      finish();
      return;
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || !isToken(text.substring(0, colon))) {
      fail(new ApiError(400, "malformed MIME header line: " + text));
    }
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c > 0x7e || c <= ' ' || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The body ended well: what follows it belongs to the next request. */
  private void finish() {
    state = State.DONE;
    if (raw.hasRemaining()) {
      ByteBuffer rest = ByteBuffer.allocate(raw.remaining());
      rest.put(raw).flip();
      if (!ClientInput.unread(connection, rest)) {
        connection.ungetRequestBytes(new ImmediatePooledByteBuffer(rest));
      }
    }
    Connectors.terminateRequest(exchange);
  }

  /** The body ends here with {@code failure}; the connection cannot carry another request. */
  private void fail(RuntimeException failure) {
    state = State.DONE;
    raw.position(raw.limit());
    exchange.putAttachment(FAILURE, failure);
    exchange.setPersistent(false);
    Connectors.terminateRequest(exchange);
  }

  @Override
  public void terminateReads() throws IOException {
    if (state != State.DONE) {
      // the handler gave up on the rest of the body: the connection cannot carry another request
      state = State.DONE;
      exchange.setPersistent(false);
      Connectors.terminateRequest(exchange);
    }
  }

  @Override
  public boolean isReadShutdown() {
    return state == State.DONE || next.isReadShutdown();
  }
}
