package io.mockdocker;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client connection may dawdle before the daemon closes it, so that a client sending its request head a
 * byte at a time, or stopping in its middle, or a connection left open without a request, does not hold a connection
 * (and a file descriptor) for ever.
 *
 * <p>{@code requestHead}: the longest a request's line and headers may take to arrive once their first byte has;
 * when it passes the connection is closed without an answer (Go's server did the same on its header timeout).
 * {@code idle}: the longest a connection may stay open between requests (a kept-alive connection with no request),
 * and the longest the daemon waits for more of a request body that stops coming (the connection is then closed
 * without an answer). Otherwise neither limits a request once its head is read: an upload that keeps coming however
 * slowly, a following log, an events stream or an attached container may take as long as they like.
 *
 * @param requestHead positive, at most {@code Integer.MAX_VALUE} milliseconds
 * @param idle positive, at most {@code Integer.MAX_VALUE} milliseconds; also the longest wait for more of a body
 */
public record ConnectionTimeouts(Duration requestHead, Duration idle) {
  /** 30 seconds for a request head, 10 minutes between requests. */
  public static final ConnectionTimeouts DEFAULT = new ConnectionTimeouts(Duration.ofSeconds(30),
      Duration.ofMinutes(10));

  public ConnectionTimeouts {
    check("requestHead", requestHead);
    check("idle", idle);
  }

  private static void check(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " timeout must be positive and at most " + Integer.MAX_VALUE
          + " ms: " + d);
    }
  }
}
