package io.mockdocker.internal.engine;

import java.io.IOException;

/** An already-worded failure of the archive itself, passed through untouched by the translation layers. */
final class TarFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  TarFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
