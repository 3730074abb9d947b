package io.mockdocker.internal.shell;

import java.io.IOException;

/** A write to a pipe whose reader has gone: the writer ends quietly, as with SIGPIPE (status 141). */
final class BrokenPipeException extends IOException {
  private static final long serialVersionUID = 1L;

  BrokenPipeException() {
    super("Broken pipe");
  }
}
