package io.mockdocker.api;

/** The modern daemon's error classes for an engine message, by its prefix (errdefs: not found, conflict, …). */
final class ModernErrors {
  private ModernErrors() {}

  static int statusFor(String message) {
    if (message.startsWith("No such") || message.startsWith("pull access denied")) {
      return 404;
    }
    if (message.startsWith("conflict") || message.startsWith("Conflict")) {
      return 409;
    }
    if (message.startsWith("Bad parameter") || message.startsWith("invalid") || message.startsWith("Invalid")) {
      return 400;
    }
    return 500;
  }
}
