package io.mockdocker.internal.shell;

/** Thrown by {@code exit}: unwinds to the shell that runs the script, which returns {@link #code()}. */
final class ShellExit extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  ShellExit(int code) {
    super("exit " + code, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
