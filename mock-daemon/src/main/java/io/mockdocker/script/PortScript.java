package io.mockdocker.script;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a connection to a published port gets, and when the port starts answering. An immutable value, registered
 * for a {@link PortMatch} with {@code docker.script(match, script)}; the newest matching script wins, and a port no
 * script matches gets {@link #hold()}.
 *
 * <pre>{@code
 * docker.script(PortMatch.image("nginx").withPort("80"), PortScript.httpReply(200, "hello"));
 * docker.script(PortMatch.container("db"), PortScript.forward("127.0.0.1", embeddedDb.port())
 *     .openAfterLog("ready to accept connections"));
 * }</pre>
 *
 * <p>Each connection is served on its own daemon thread. While the container is paused, new connections are
 * accepted but not served and writes to open ones wait; when the run ends every connection is closed.
 *
 * <p>Until the port is open (see {@link #openAfterLog(String)} and {@link #openAfter(Duration)}) its host port is
 * allocated and shown in inspect, but a connection to it is refused, as if the service inside had not started yet.
 */
public final class PortScript {
  /** What a connection gets. */
  public sealed interface Behaviour {}

  /** Accepted and held open: nothing is read or written until the run ends. */
  public record Hold() implements Behaviour {}

  /** Every byte the client sends comes back, until the client shuts down its side. */
  public record Echo() implements Behaviour {}

  /**
   * These bytes, written at once ({@code afterRequest} false) or after the client's first blank line, the end of an
   * HTTP request head ({@code afterRequest} true); then the port closes its side and reads the client's bytes to
   * their end before closing the connection, so the reply is never lost to a reset.
   */
  public record Reply(byte[] bytes, boolean afterRequest) implements Behaviour {
    public Reply {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reply r && r.afterRequest == afterRequest && java.util.Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes) * 31 + Boolean.hashCode(afterRequest);
    }

    @Override
    public String toString() {
      return "Reply[" + bytes.length + " bytes" + (afterRequest ? " after the request" : "") + "]";
    }
  }

  /**
   * Forwarded to {@code host:port}, both ways, as a proxy would: a target that refuses the connection closes the
   * client's.
   */
  public record Forward(String host, int port) implements Behaviour {
    public Forward {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("a port is from 1 to 65535: " + port);
      }
    }
  }

  /** Served by a Java callback (Java only: a scenario cannot say it). */
  public record Handler(PortHandler handler) implements Behaviour {
    public Handler {
      Objects.requireNonNull(handler, "handler");
    }
  }

  private static final PortScript HOLD = new PortScript(new Hold(), null, Duration.ZERO);
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
      Map.entry(202, "Accepted"), Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"),
      Map.entry(302, "Found"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  private final Behaviour behaviour;
  private final String openAfterLog;
  private final Duration openAfter;

  private PortScript(Behaviour behaviour, String openAfterLog, Duration openAfter) {
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    this.openAfterLog = openAfterLog;
    this.openAfter = openAfter;
  }

  /** Accept and hold, the default: enough for "is it listening" waits. */
  public static PortScript hold() {
    return HOLD;
  }

  /** Sends every byte back. */
  public static PortScript echo() {
    return new PortScript(new Echo(), null, Duration.ZERO);
  }

  /** Writes {@code text} (UTF-8) as soon as a connection opens, then closes the connection (see {@link Reply}). */
  public static PortScript reply(String text) {
    return reply(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} as soon as a connection opens, then closes the connection (see {@link Reply}). */
  public static PortScript reply(byte[] bytes) {
    return new PortScript(new Reply(bytes, false), null, Duration.ZERO);
  }

  /**
   * Answers each connection's HTTP request with a well-formed HTTP/1.1 response: this status, a
   * {@code text/plain; charset=utf-8} body, its {@code Content-Length} and {@code Connection: close}.
   */
  public static PortScript httpReply(int status, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("an HTTP status is from 100 to 599: " + status);
    }
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + REASONS.getOrDefault(status, "Status " + status) + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + content.length + "\r\n"
        + "Connection: close\r\n\r\n";
    byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head8.length + content.length];
    System.arraycopy(head8, 0, all, 0, head8.length);
    System.arraycopy(content, 0, all, head8.length, content.length);
    return new PortScript(new Reply(all, true), null, Duration.ZERO);
  }

  /** Forwards each connection to {@code host:port}, e.g. a server the test started in its own JVM. */
  public static PortScript forward(String host, int port) {
    return new PortScript(new Forward(host, port), null, Duration.ZERO);
  }

  /** Serves each connection with a Java callback given the connection's streams. */
  public static PortScript handler(PortHandler handler) {
    return new PortScript(new Handler(handler), null, Duration.ZERO);
  }

  /**
   * The same, opening only once the container's process has printed {@code text} (on stdout or stderr, within a
   * line or across writes) in this run; until then connections are refused.
   */
  public PortScript openAfterLog(String text) {
    if (Objects.requireNonNull(text, "text").isEmpty()) {
      throw new IllegalArgumentException("openAfterLog needs some text to wait for");
    }
    return new PortScript(behaviour, text, openAfter);
  }

  /**
   * The same, opening only once this much time has passed on the daemon's clock since the start, or, with
   * {@link #openAfterLog(String)}, since the line was printed; until then connections are refused.
   */
  public PortScript openAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + delay);
    }
    return new PortScript(behaviour, openAfterLog, delay);
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  /** The text the port waits for before it opens, or {@code null} when it does not wait for one. */
  public String openAfterLog() {
    return openAfterLog;
  }

  /** How long the port waits on the daemon's clock before it opens; zero when it does not wait. */
  public Duration openAfter() {
    return openAfter;
  }

  /** Whether the port answers as soon as the container starts. */
  public boolean opensAtStart() {
    return openAfterLog == null && openAfter.isZero();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortScript p && p.behaviour.equals(behaviour) && Objects.equals(p.openAfterLog, openAfterLog)
        && p.openAfter.equals(openAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(behaviour, openAfterLog, openAfter);
  }

  /** E.g. {@code PortScript{Forward[host=127.0.0.1, port=5432], after log "ready"}}. */
  @Override
  public String toString() {
    return "PortScript{" + behaviour + (openAfterLog == null ? "" : ", after log \"" + openAfterLog + "\"")
        + (openAfter.isZero() ? "" : ", after " + openAfter) + "}";
  }
}
