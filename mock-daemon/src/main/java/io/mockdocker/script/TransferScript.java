package io.mockdocker.script;

import io.mockdocker.faults.Effect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How one streamed transfer goes: its size, how it is read, how fast, and what happens on the way. An immutable
 * value, registered for a {@link TransferMatch} with {@code docker.script(match, script)}.
 *
 * <pre>{@code
 * TransferScript slow = TransferScript.builder()
 *     .size(50_000_000)                          // pad the layer to 50 MB
 *     .bytesPerSecond(100_000)                   // 100 kB/s on the daemon's clock: about 8 minutes
 *     .at(0.5, Effect.delay(Duration.ofSeconds(30)))  // halfway, 30 s without a byte
 *     .at(0.9, Effect.error("unexpected EOF"))        // then the era's in-stream {"error":…}
 *     .build();
 * }</pre>
 *
 * <p>Positions are fractions of the size, from 0 to 1; the transfer reads exactly up to each one, so progress and
 * failures land on the byte ({@code floor(at × size)}). An {@link Event} is a fault at a moment with an effect, in
 * the words of {@code Fault}: it ends the transfer (an error, a reset, a stall) or delays it; events at the same
 * position run in the order given.
 *
 * @param size the size in bytes (the content is padded with zeros, which a tar ignores), or {@link #AS_IS}
 * @param chunkSize bytes per read; each read may report progress as v0.4.4's progress reader did
 * @param bytesPerSecond the pace on the daemon's clock, or 0 for as fast as possible
 * @param events what happens on the way, in order of position
 */
public record TransferScript(long size, int chunkSize, long bytesPerSecond, List<Event> events) {
  /** The content's own size. */
  public static final long AS_IS = -1;
  /** The read size of Go's {@code io.Copy}, which fed the daemon's progress readers. */
  public static final int DEFAULT_CHUNK = 32 * 1024;
  /** Today's behaviour: the fixture's size, 32 KiB reads, no delay. */
  public static final TransferScript DEFAULT = new TransferScript(AS_IS, DEFAULT_CHUNK, 0, List.of());

  /**
   * What happens when the transfer reaches a position: a fault at a moment (a fraction of the size) with an
   * {@link Effect}. A transfer knows four effects: {@link Effect#delay(Duration)} waits on the daemon's clock, then
   * goes on; {@link Effect#stall()} stops reading, and the transfer hangs there until the daemon is reset or closed;
   * {@link Effect#error(String)} fails the read: the progress reader prints its last update and the end marker, and
   * the operation fails with the message, which reaches the client the way the era reported that operation's errors
   * (for a pull, inside the stream with status 200; the effect's status is not used); {@link Effect#reset()} resets
   * the client's connection (RST) there, after the messages written so far.
   *
   * @param at the position, a fraction of the size from 0 to 1
   * @param effect a fixed delay, a stall, an error or a reset
   */
  public record Event(double at, Effect effect) {
    public Event {
      if (!(at >= 0 && at <= 1)) {
        throw new IllegalArgumentException("an event's position is a fraction from 0 to 1: " + at);
      }
      Objects.requireNonNull(effect, "effect");
      boolean fixedDelay = effect instanceof Effect.Delay d && d.min().equals(d.max());
      if (!(fixedDelay || effect instanceof Effect.Stall || effect instanceof Effect.DockerError
          || effect instanceof Effect.Reset)) {
        throw new IllegalArgumentException("a transfer takes a fixed delay, a stall, an error or a reset: " + effect);
      }
    }

    /** E.g. {@code error(500, boom) at 40%}. */
    @Override
    public String toString() {
      return effect + " at " + percent(at);
    }
  }

  public TransferScript {
    if (size < AS_IS) {
      throw new IllegalArgumentException("size must be AS_IS (-1) or at least 0: " + size);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must not be negative: " + bytesPerSecond);
    }
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingDouble(Event::at)); // stable: same position keeps the given order
    events = List.copyOf(sorted);
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder starting from this script. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The byte offset of a position in a transfer of {@code total} bytes. */
  public static long offset(double at, long total) {
    return (long) Math.floor(at * total);
  }

  private static String percent(double at) {
    double p = at * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }

  /** E.g. {@code TransferScript{size=as is, chunk=32768, speed=50000 B/s, events=[error(500, boom) at 40%]}}. */
  @Override
  public String toString() {
    return "TransferScript{size=" + (size == AS_IS ? "as is" : String.valueOf(size)) + ", chunk=" + chunkSize
        + ", speed=" + (bytesPerSecond == 0 ? "unlimited" : bytesPerSecond + " B/s") + ", events=" + events + "}";
  }

  /** Builds a {@link TransferScript}. */
  public static final class Builder {
    private long size;
    private int chunkSize;
    private long bytesPerSecond;
    private final List<Event> events;

    private Builder(TransferScript from) {
      this.size = from.size;
      this.chunkSize = from.chunkSize;
      this.bytesPerSecond = from.bytesPerSecond;
      this.events = new ArrayList<>(from.events);
    }

    /** Pads the content to this many bytes (a larger size than the content's own; a smaller one is ignored). */
    public Builder size(long bytes) {
      this.size = bytes;
      return this;
    }

    public Builder chunkSize(int bytes) {
      this.chunkSize = bytes;
      return this;
    }

    /** Paces the reads on the daemon's clock; 0 (the default) is as fast as possible. */
    public Builder bytesPerSecond(long bytesPerSecond) {
      this.bytesPerSecond = bytesPerSecond;
      return this;
    }

    /**
     * What happens when the transfer reaches {@code at}, a fraction of its size: {@code at(0.5,
     * Effect.delay(Duration.ofSeconds(30)))}, {@code at(0.9, Effect.stall())}, {@code at(0.4,
     * Effect.error("unexpected EOF"))} ({@code unexpected EOF} is what Go said of a body that ended early),
     * {@code at(0.4, Effect.reset())}.
     */
    public Builder at(double at, Effect effect) {
      events.add(new Event(at, effect));
      return this;
    }

    public TransferScript build() {
      return new TransferScript(size, chunkSize, bytesPerSecond, events);
    }
  }
}
