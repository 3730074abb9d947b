package io.mockdocker.internal.shell;

/** A script the parser cannot read; {@link #incomplete()} when more input could complete it (an open quote). */
final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean incomplete;

  SyntaxError(String message, boolean incomplete) {
    super(message, null, false, false);
    this.incomplete = incomplete;
  }

  static SyntaxError unexpected(String token) {
    String shown = token.equals("newline") ? token : "\"" + token + "\"";
    return new SyntaxError("Syntax error: " + shown + " unexpected", false);
  }

  static SyntaxError endOfFile() {
    return new SyntaxError("Syntax error: end of file unexpected", true);
  }

  boolean incomplete() {
    return incomplete;
  }
}
