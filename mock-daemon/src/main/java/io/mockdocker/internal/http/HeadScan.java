package io.mockdocker.internal.http;

import java.nio.ByteBuffer;

/**
 * A request head read a byte at a time: its request line, whether it has a {@code Host} header, and whether every
 * {@code Content-Length} is a length; lines end at LF (a CR before it is dropped), leading blank lines are skipped.
 * {@link ClientInput} feeds it the bytes of each head and asks it for the {@link #verdict}.
 */
final class HeadScan {
  private static final int MAX_KEPT = 8 * 1024;

  private final StringBuilder requestLine = new StringBuilder();
  private final StringBuilder name = new StringBuilder();
  private final StringBuilder value = new StringBuilder();
  private boolean inRequestLine = true;
  private boolean inValue;
  private boolean folded;
  private int lineLength;
  private int hosts;
  private boolean badLength;
  private long total;

  /** The bytes fed since the last {@link #reset}. */
  long total() {
    return total;
  }

  /** Reads up to {@code n} bytes of {@code buffer} (not consuming them): how many end the head, or -1. */
  int feed(ByteBuffer buffer, int n) {
    int start = buffer.position();
    for (int i = 0; i < n; i++) {
      total++;
      if (byteOf(buffer.get(start + i) & 0xff)) {
        return i + 1;
      }
    }
    return -1;
  }

  /** One byte; true when it ends the head. */
  private boolean byteOf(int c) {
    if (c == '\n') {
      return lineEnded();
    }
    if (c == '\r') {
      return false;
    }
    if (lineLength++ == 0 && !inRequestLine && (c == ' ' || c == '\t')) {
      folded = true;
    }
    if (inRequestLine) {
      keep(requestLine, c);
    } else if (!folded) {
      if (inValue) {
        keep(value, c);
      } else if (c == ':') {
        inValue = true;
      } else {
        keep(name, c);
      }
    }
    return false;
  }

  private boolean lineEnded() {
    boolean empty = lineLength == 0;
    lineLength = 0;
    if (inRequestLine) {
      if (!empty) {
        inRequestLine = false;
      }
      return false;
    }
    if (empty) {
      return true;
    }
    if (!folded && inValue) {
      if (strippedIs(name, "host")) {
        hosts++;
      } else if (strippedIs(name, "content-length") && !Framing.isLength(value.toString().strip())) {
        badLength = true;
      }
    }
    name.setLength(0);
    value.setLength(0);
    inValue = false;
    folded = false;
    return false;
  }

  private static void keep(StringBuilder sb, int c) {
    if (sb.length() < MAX_KEPT) {
      sb.append((char) c);
    }
  }

  private static final String HTTP_11 = "HTTP/1.1";
  private static final String CONNECT = "CONNECT";

  /** Whether {@code text} without its leading and trailing white space is {@code word}, ignoring case. */
  private static boolean strippedIs(StringBuilder text, String word) {
    int from = 0;
    int to = text.length();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = text.charAt(from + i);
      char w = word.charAt(i);
      if (c != w && Character.toLowerCase(c) != w && Character.toUpperCase(c) != Character.toUpperCase(w)) {
        return false;
      }
    }
    return true;
  }

  /** The answer for the head just ended, or null when the server is to have it. */
  byte[] verdict() {
    // the request line is "METHOD TARGET HTTP/1.1" with exactly two spaces, CONNECT aside
    StringBuilder line = requestLine;
    int first = line.indexOf(" ");
    int second = first < 0 ? -1 : line.indexOf(" ", first + 1);
    if (second < 0 || line.indexOf(" ", second + 1) >= 0 || line.length() - second - 1 != HTTP_11.length()
        || !HTTP_11.contentEquals(line.subSequence(second + 1, line.length()))
        || first == CONNECT.length() && CONNECT.contentEquals(line.subSequence(0, first)) || hosts > 0) {
      return null;
    }
    return badLength ? ClientInput.BAD_LENGTH : ClientInput.MISSING_HOST;
  }

  void reset() {
    requestLine.setLength(0);
    name.setLength(0);
    value.setLength(0);
    inRequestLine = true;
    inValue = false;
    folded = false;
    lineLength = 0;
    hosts = 0;
    badLength = false;
    total = 0;
  }
}
