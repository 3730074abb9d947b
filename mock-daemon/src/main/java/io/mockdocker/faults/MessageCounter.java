package io.mockdocker.faults;

import java.nio.ByteBuffer;

/**
 * Counts the messages of a stream as its bytes go by: top-level JSON values in a JSON stream (the era wrote them
 * back to back), lines in a text stream ({@code \n}, {@code \r} or {@code \r\n}, since raw progress ends in
 * {@code \r}).
 */
final class MessageCounter {
  /** How a stream separates its messages. */
  enum Framing {
    /** The era's JSON values, back to back. */
    JSON_VALUES,
    /** Text lines ending in {@code \n}, {@code \r} or {@code \r\n}. */
    TEXT_LINES,
    /** The modern view's JSON messages, each ending with a line break ({@code \r\n} or {@code \n}). */
    JSON_LINES
  }

  private int count;
  private int depth;
  private boolean inString;
  private boolean escape;
  private boolean lastCr;

  int count() {
    return count;
  }

  MessageCounter copy() {
    MessageCounter c = new MessageCounter();
    c.count = count;
    c.depth = depth;
    c.inString = inString;
    c.escape = escape;
    c.lastCr = lastCr;
    return c;
  }

  /** Counts the buffer's remaining bytes, without moving its position. */
  void consume(ByteBuffer buf, Framing framing) {
    for (int i = buf.position(); i < buf.limit(); i++) {
      feed(buf.get(i), framing);
    }
  }

  /**
   * How many of the next {@code limit} bytes of {@code src} end with the {@code k}th message from here, or -1 when
   * they do not get that far; 0 for {@code k <= 0}. Moves this counter (use a {@link #copy()}).
   */
  int bytesUntil(ByteBuffer src, int limit, int k, Framing framing) {
    if (k <= 0) {
      return 0;
    }
    int ended = 0;
    for (int i = 0; i < limit; i++) {
      if (feed(src.get(src.position() + i), framing) && ++ended == k) {
        return i + 1;
      }
    }
    return -1;
  }

  /** Counts one byte; whether a message ended with it. */
  private boolean feed(byte b, Framing framing) {
    boolean ended = switch (framing) {
      case JSON_VALUES -> feedJson(b);
      case TEXT_LINES -> feedText(b);
      case JSON_LINES -> b == '\n';
    };
    if (ended) {
      count++;
    }
    return ended;
  }

  private boolean feedJson(byte b) {
    if (inString) {
      if (escape) {
        escape = false;
      } else if (b == '\\') {
        escape = true;
      } else if (b == '"') {
        inString = false;
      }
      return false;
    }
    switch (b) {
      case '"' -> inString = true;
      case '{', '[' -> depth++;
      case '}', ']' -> {
        depth--;
        return depth == 0;
      }
      default -> {
        // whitespace and scalars inside values
      }
    }
    return false;
  }

  private boolean feedText(byte b) {
    boolean afterCr = lastCr;
    lastCr = b == '\r';
    return b == '\r' || b == '\n' && !afterCr;
  }
}
