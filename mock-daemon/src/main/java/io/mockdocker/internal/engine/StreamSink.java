package io.mockdocker.internal.engine;

import java.io.IOException;

/** Where a modern attach or exec delivers output: each write says which stream the bytes came from. */
@FunctionalInterface
public interface StreamSink {
  void write(StdStream stream, byte[] bytes) throws IOException;
}
