package io.mockdocker.internal.http;

/** The modern daemon's error classes for an engine message, by its prefix (errdefs: not found, conflict, …). */
final class ModernErrors {
  private ModernErrors() {}

  static int statusFor(String message) {
    if (message.startsWith("No such") || message.startsWith("pull access denied")
        || message.startsWith("Could not find the file ")) {
      return 404;
    }
    if (message.startsWith("conflict") || message.startsWith("Conflict")
        || message.startsWith("cannot remove container") || message.matches("container \\S+ is not running")) {
      return 409;
    }
    if (message.startsWith("Bad parameter") || message.startsWith("invalid") || message.startsWith("Invalid")
        || message.equals("No exec command specified") || message.equals("No command specified")
        || message.equals("extraction point is not a directory")) {
      return 400;
    }
    return 500;
  }
}
