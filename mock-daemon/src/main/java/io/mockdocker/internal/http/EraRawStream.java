package io.mockdocker.internal.http;

/** The raw text (API 1.0) of a pull, push, import or insert. */
public enum EraRawStream {
  /**
   * Written straight to the response (0.3.3): {@code Pulling repository …}, {@code Pulling <id> metadata},
   * {@code Pulling <id> fs layer}, {@code Pushing repository …} and {@code Pushing <id>} end in {@code \r\n}, every
   * other line in {@code \n}; a progress reader ends with {@code \n}; an error after the first line is the bare
   * message and {@code \n}; insert ends with the new image's ID alone, and fails before its first line as any
   * request does.
   */
  AS_WRITTEN,
  /**
   * Through the stream formatter (0.4.0 and later): every line ends in {@code \r\n}, a progress reader too, an
   * error is {@code Error: message}; insert appends {@code {"Id":…}} and swallows an error before its first line.
   */
  FORMATTED;

  private static final java.util.regex.Pattern CRLF_LINES = java.util.regex.Pattern.compile(
      "(Pulling repository |Pushing repository ).*|Pulling [0-9a-f]{64} (metadata|fs layer)|Pushing [0-9a-f]{64}");

  /** The end of a status line. */
  public String lineEnd(String status) {
    return this == FORMATTED || CRLF_LINES.matcher(status).matches() ? "\r\n" : "\n";
  }

  /** What ends a progress reader's updates. */
  public String endOfTransfer() {
    return this == FORMATTED ? "\r\n" : "\n";
  }

  /** An error after the stream started. */
  public String error(String message) {
    return this == FORMATTED ? "Error: " + message + "\r\n" : message + "\n";
  }

  /** Whether insert ends with {@code {"Id":…}} and answers an early failure with {@code {"Id":""}}. */
  public boolean insertTrailer() {
    return this == FORMATTED;
  }
}
