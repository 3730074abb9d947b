package io.mockdocker.internal.engine;

/**
 * A modern start the runtime refused because the container's command cannot be executed (missing: 127, not
 * executable: 126; an argument the kernel refuses: 128). The container stays created with that exit code and the text
 * as its error; the text is the daemon's, unwrapped, and the daemon answered it as an invalid parameter (126, 127) or
 * an unknown error (128).
 */
public final class CommandRefused extends DockerException {
  private static final long serialVersionUID = 1L;
  /** What the runtime said before its cause when it could not start a container's process. */
  static final String CREATE_FAILED = "failed to create task for container: failed to create shim task: OCI runtime "
      + "create failed: runc create failed: unable to start container process: error during container init: ";

  private final int exitCode;

  CommandRefused(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** 126, 127 or 128, as the container's {@code State.ExitCode} now reads. */
  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status the daemon gave: 400 for a command it could not find or run, 500 for an unknown error. */
  public int status() {
    return exitCode == 128 ? 500 : 400;
  }
}
