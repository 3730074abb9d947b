package io.mockdocker.internal.engine;

/**
 * A container that a forced removal took while an operation on it was under way (a restart between its stop and its
 * start): {@code No such container: <name>}, the answer the request would have had a moment later. A view that knew the
 * container at the start of the request may give its own daemon's words instead.
 */
public final class RemovedMeanwhile extends DockerException {
  private static final long serialVersionUID = 1L;

  RemovedMeanwhile(String name, Throwable cause) {
    super("No such container: " + name, cause);
  }
}
