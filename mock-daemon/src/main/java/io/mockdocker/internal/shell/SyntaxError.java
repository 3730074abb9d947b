package io.mockdocker.internal.shell;

/**
 * A script the parser cannot read; {@link #incomplete()} when more input could complete it (an open quote, a loop
 * without its {@code done}).
 *
 * <p>The wording is dash's ({@code Syntax error: "done" unexpected (expecting "fi")}); busybox ash says the same
 * things as {@code syntax error: unexpected "done"}. The shell prints it after {@code /bin/sh: } with no line
 * number, the prefix every other message of the mini shell has (busybox ash's form, as in {@code /bin/sh: X: not
 * found}), so a script's errors all read alike.
 */
final class SyntaxError extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean incomplete;

  SyntaxError(String message, boolean incomplete) {
    super(message, null, false, false);
    this.incomplete = incomplete;
  }

  /**
   * {@code token} (as dash names it: {@code "done"}, {@code newline}, {@code word}, {@code end of file}) where it is
   * not allowed, optionally saying what was expected there instead ({@code "done"}); null when nothing in particular.
   */
  static SyntaxError unexpected(String token, String expecting) {
    String shown = token.equals("newline") || token.equals("word") || token.equals("end of file")
        || token.startsWith("\"") ? token : "\"" + token + "\"";
    String message = "Syntax error: " + shown + " unexpected" + (expecting == null ? "" : " (expecting " + expecting
        + ")");
    return new SyntaxError(message, token.equals("end of file"));
  }

  static SyntaxError unexpected(String token) {
    return unexpected(token, null);
  }

  static SyntaxError endOfFile() {
    return unexpected("end of file", null);
  }

  boolean incomplete() {
    return incomplete;
  }
}
