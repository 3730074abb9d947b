package io.mockdocker.faults;

import io.mockdocker.Clock;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xnio.StreamConnection;

/**
 * The faults of one response body (or attach stream) at byte and message counts: the writer asks how much it may
 * write before the next one is due ({@link #allowance}), reports what it wrote ({@link #wrote}), and the faults due
 * then fire through its {@link Wire}. Throttling paces the writes on the daemon's clock.
 */
final class StreamFaults {
  /** A chunk-size line that is not hexadecimal, then a line of text. */
  static final byte[] MALFORMED_CHUNK = "zz\r\nmalformed chunk\r\n".getBytes(StandardCharsets.US_ASCII);

  /** How a writer's output is reached. */
  interface Wire {
    /** Writes through the framing (chunked encoding), all of it. */
    void send(byte[] bytes) throws IOException;

    /** Pushes everything written so far to the socket. */
    void push() throws IOException;

    /** Writes below the framing, straight to the socket. */
    void sendRaw(byte[] bytes) throws IOException;

    /** Ends the body properly (the last chunk), leaving the connection open. */
    void end() throws IOException;

    /** Resets the connection (RST). */
    void reset();

    /** Closes the connection (FIN). */
    void hangUp();

    /** The response's content type, or {@code null}. */
    String contentType();
  }

  /** Where the stream stands. */
  enum State {
    /** Writes go out. */
    OPEN,
    /** A fault ended the body properly: later writes are dropped, as if the client had stopped reading. */
    ENDED,
    /** A fault broke the connection: later writes fail. */
    BROKEN
  }

  private final HttpServerExchange exchange;
  private final Faults faults;
  private final List<FaultHandle> pending;
  private final MessageCounter messages = new MessageCounter();
  private long bytes;
  private long bytesPerSecond;
  private long throttled;
  private boolean json;
  private MessageCounter.Framing framing = MessageCounter.Framing.TEXT_LINES;
  private boolean started;
  private State state = State.OPEN;
  /** The wire of the body's writer, once it has one. */
  private Wire wire;
  private String why = "";

  StreamFaults(HttpServerExchange exchange, Faults faults, List<FaultHandle> faultsAtCounts) {
    this.exchange = exchange;
    this.faults = faults;
    this.pending = new ArrayList<>(faultsAtCounts);
  }

  /** Wraps an attach stream's output in these faults. */
  OutputStream wrapRaw(OutputStream out, StreamConnection connection) {
    return new RawStream(out, connection, this);
  }

  /**
   * Fires what is due before a write of {@code length} bytes, then returns how many of them may go out now: up to
   * the next byte or message count, and a throttle's slice.
   *
   * @throws IOException when a fault ended the stream
   */
  synchronized int allowance(ByteBuffer src, Wire wire) throws IOException {
    this.wire = wire;
    if (!started) {
      started = true;
      String type = wire.contentType();
      json = type != null && type.startsWith("application/json");
      // the era wrote JSON values back to back; the modern view ends each one with a line break
      framing = !json ? MessageCounter.Framing.TEXT_LINES
          : Faults.modern(exchange) ? MessageCounter.Framing.JSON_LINES : MessageCounter.Framing.JSON_VALUES;
    }
    fireDue(wire);
    if (state != State.OPEN) {
      return src.remaining();
    }
    int limit = src.remaining();
    for (FaultHandle h : pending) {
      if (h.fault().moment() instanceof Moment.AfterBytes b) {
        limit = (int) Math.min(limit, b.bytes() - bytes);
      } else if (h.fault().moment() instanceof Moment.AfterMessages m) {
        int upTo = messages.copy().bytesUntil(src, limit, m.messages() - messages.count(), framing);
        if (upTo >= 0) {
          limit = Math.min(limit, upTo);
        }
      }
    }
    if (bytesPerSecond > 0) {
      limit = (int) Math.min(limit, Math.max(1, bytesPerSecond / 20));
    }
    return Math.max(limit, 1);
  }

  /** Counts what was written, paces it when throttled, and fires what became due. */
  synchronized void wrote(ByteBuffer written, Wire wire) throws IOException {
    int n = written.remaining();
    messages.consume(written, framing);
    bytes += n;
    if (bytesPerSecond > 0 && !exchange.isInIoThread()) {
      long before = nanosFor(throttled);
      throttled += n;
      sleep(Duration.ofNanos(nanosFor(throttled) - before));
    }
    fireDue(wire);
  }

  synchronized State state() {
    return state;
  }

  /** Throws when a fault broke the connection. */
  synchronized void check() throws IOException {
    if (state == State.BROKEN) {
      throw new IOException(why);
    }
  }

  private void fireDue(Wire wire) throws IOException {
    check();
    for (FaultHandle h : new ArrayList<>(pending)) {
      Moment m = h.fault().moment();
      boolean due = m instanceof Moment.BeforeHead
          || m instanceof Moment.AfterBytes b && bytes >= b.bytes()
          || m instanceof Moment.AfterMessages c && messages.count() >= c.messages();
      if (due && state == State.OPEN) {
        pending.remove(h);
        apply(h, wire);
        check();
      }
    }
  }

  /** Applies a fault's effect now, on the body's wire (a progress moment). */
  synchronized void applyNow(FaultHandle h) throws IOException {
    apply(h, wire != null ? wire : new HeadlessWire());
  }

  /** Applies one fault's effect now; ends the stream for the final effects. */
  synchronized void apply(FaultHandle h, Wire wire) throws IOException {
    faults.fired(exchange, h);
    Effect effect = h.fault().effect();
    if (effect instanceof Effect.Throttle t) {
      bytesPerSecond = t.bytesPerSecond();
      throttled = 0;
      return;
    }
    wire.push();
    if (effect instanceof Effect.Delay d) {
      sleep(h.sample(d));
    } else if (effect instanceof Effect.Stall) {
      try {
        h.awaitRelease();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stalled by " + h.fault());
      }
    } else if (effect instanceof Effect.DockerError e) {
      wire.send(inStream(e.message()));
      end(State.ENDED, "the stream ended with an error by " + h.fault());
      wire.end();
    } else if (effect instanceof Effect.Reset) {
      end(State.BROKEN, "connection reset by " + h.fault());
      wire.reset();
    } else if (effect instanceof Effect.MalformedChunk) {
      end(State.BROKEN, "malformed chunk by " + h.fault());
      wire.sendRaw(MALFORMED_CHUNK);
      wire.hangUp();
    } else {
      end(State.BROKEN, "connection closed by " + h.fault()); // Truncate, CloseAttachEarly
      wire.hangUp();
    }
  }

  private void end(State how, String reason) {
    state = how;
    why = reason;
  }

  /**
   * The in-stream error: the modern view's line with both forms, or the era's {@code {"error":…}} for a JSON stream
   * and a text line otherwise.
   */
  private byte[] inStream(String message) {
    String quoted = jsonString(message);
    String text = Faults.modern(exchange) ? "{\"errorDetail\":{\"message\":" + quoted + "},\"error\":" + quoted + "}\r\n"
        : json ? "{\"error\":" + quoted + "}" : "Error: " + message + "\r\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private void sleep(Duration d) throws InterruptedIOException {
    try {
      Clock clock = faults.clock();
      clock.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted in a fault's wait");
    }
  }

  private long nanosFor(long n) {
    return java.math.BigInteger.valueOf(n).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
        .divide(java.math.BigInteger.valueOf(bytesPerSecond)).longValueExact();
  }

  /** The wire of an exchange whose body has not started: only the connection can be acted on. */
  private final class HeadlessWire implements Wire {
    @Override
    public void send(byte[] bytes) {}

    @Override
    public void push() {}

    @Override
    public void sendRaw(byte[] bytes) {}

    @Override
    public void end() {
      Connections.close(exchange.getConnection());
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
      return null;
    }
  }

  /** The content type of the exchange's response. */
  static String contentType(HttpServerExchange ex) {
    return ex.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
  }
}
