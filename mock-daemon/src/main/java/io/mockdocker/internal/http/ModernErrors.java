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
        || message.startsWith("cannot remove container") || message.matches("container \\S+ is not running")
        || message.matches("Container \\S+ is (already paused|paused, unpause the container before exec)")
        || message.matches("Container \\S+ is restarting, wait until the container is running")
        || message.startsWith("Error when allocating new name: Conflict.")) {
      return 409;
    }
    if (message.startsWith("Bad parameter") || message.startsWith("invalid") || message.startsWith("Invalid")
        || message.equals("No exec command specified") || message.equals("No command specified")
        || message.equals("extraction point is not a directory")
        || message.equals("Neither old nor new names may be empty")
        || message.equals("Renaming a container with the same name as its current name")
        || message.startsWith("Error when allocating new name: Invalid container name")) {
      return 400;
    }
    return 500;
  }
}
