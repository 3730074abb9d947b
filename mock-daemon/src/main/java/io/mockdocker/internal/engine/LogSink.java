package io.mockdocker.internal.engine;

import java.io.IOException;

/** Where {@code logs} delivers each entry. */
@FunctionalInterface
public interface LogSink {
  void write(LogEntry entry) throws IOException;
}
