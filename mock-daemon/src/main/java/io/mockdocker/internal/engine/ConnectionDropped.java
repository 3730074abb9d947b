package io.mockdocker.internal.engine;

/**
 * The client's connection is to be dropped (reset) here: thrown by a scripted transfer or a hook, and mapped by the
 * HTTP view, in one place, to an aborted connection.
 */
public final class ConnectionDropped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectionDropped(String message) {
    super(message, null, false, false);
  }
}
