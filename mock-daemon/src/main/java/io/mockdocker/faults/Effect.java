package io.mockdocker.faults;

import java.time.Duration;
import java.util.Objects;

/** What a {@link Fault} does to an exchange, at its {@link Moment}. */
public sealed interface Effect {

  /**
   * An error as the daemon wrote one: before the head, the status with the message and a newline as
   * {@code text/plain; charset=utf-8}; inside a stream, the era's in-stream error ({@code {"error":…}} in JSON,
   * {@code Error: …} in text) after which the response ends. On a request the modern view answers: before the head
   * {@code {"message":…}} as {@code application/json}, inside a stream {@code {"errorDetail":…,"error":…}}.
   */
  record DockerError(int status, String message) implements Effect {
    public DockerError {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("not an HTTP status: " + status);
      }
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return "error(" + status + ", " + message + ")";
    }
  }

  /** Waits on the daemon's clock, for a time drawn uniformly from {@code min} to {@code max} (seeded). */
  record Delay(Duration min, Duration max) implements Effect {
    public Delay {
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("a delay needs 0 <= min <= max: " + min + ", " + max);
      }
    }

    @Override
    public String toString() {
      return min.equals(max) ? "delay(" + min.toMillis() + "ms)"
          : "delay(" + min.toMillis() + ".." + max.toMillis() + "ms)";
    }
  }

  /** Limits the response to this many bytes per second of the daemon's clock, from the moment on. */
  record Throttle(long bytesPerSecond) implements Effect {
    public Throttle {
      if (bytesPerSecond < 1) {
        throw new IllegalArgumentException("a throttle needs at least 1 byte per second: " + bytesPerSecond);
      }
    }

    @Override
    public String toString() {
      return "throttle(" + bytesPerSecond + " B/s)";
    }
  }

  /** Resets the connection (RST) after what was written so far. */
  record Reset() implements Effect {
    @Override
    public String toString() {
      return "reset";
    }
  }

  /** Writes nothing more until the fault's handle is released or removed, or the daemon is reset or closed. */
  record Stall() implements Effect {
    @Override
    public String toString() {
      return "stall";
    }
  }

  /** Closes the connection (FIN) after what was written so far, mid-body. */
  record Truncate() implements Effect {
    @Override
    public String toString() {
      return "truncate";
    }
  }

  /** Writes a chunk header with a size that is not hexadecimal into the (chunked) body, then closes. */
  record MalformedChunk() implements Effect {
    @Override
    public String toString() {
      return "malformedChunk";
    }
  }

  /** Closes an attach stream (a hijacked connection) after what was written so far. */
  record CloseAttachEarly() implements Effect {
    @Override
    public String toString() {
      return "closeAttachEarly";
    }
  }

  /** An error with the status the daemon gave this message by its prefix ({@code No such} 404, else 500, …). */
  static Effect error(String message) {
    return new DockerError(io.mockdocker.internal.http.DockerApi.statusFor(message), message);
  }

  static Effect error(int status, String message) {
    return new DockerError(status, message);
  }

  static Effect delay(Duration duration) {
    return new Delay(duration, duration);
  }

  static Effect uniform(Duration min, Duration max) {
    return new Delay(min, max);
  }

  /** {@code base} plus or minus up to {@code jitter}, never below zero. */
  static Effect jitter(Duration base, Duration jitter) {
    Duration low = base.minus(jitter);
    return new Delay(low.isNegative() ? Duration.ZERO : low, base.plus(jitter));
  }

  static Effect throttle(long bytesPerSecond) {
    return new Throttle(bytesPerSecond);
  }

  static Effect reset() {
    return new Reset();
  }

  static Effect stall() {
    return new Stall();
  }

  static Effect truncate() {
    return new Truncate();
  }

  static Effect malformedChunk() {
    return new MalformedChunk();
  }

  static Effect closeAttachEarly() {
    return new CloseAttachEarly();
  }
}
