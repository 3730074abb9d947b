package io.mockdocker.internal.engine;

/** Which output of a process some bytes came from, or the client's input. */
public enum StdStream {
  STDIN,
  STDOUT,
  STDERR
}
