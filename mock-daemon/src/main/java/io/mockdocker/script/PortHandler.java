package io.mockdocker.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves one connection to a published port in Java ({@link PortScript#handler(PortHandler)}): the client's bytes
 * on {@code in}, the reply on {@code out}. It runs on a daemon thread, one call per connection; when it returns (or
 * throws) the connection is closed. When the container's run ends the connection is closed under it, so a read or
 * write fails with an {@link IOException}.
 */
@FunctionalInterface
public interface PortHandler {
  void handle(InputStream in, OutputStream out) throws IOException;
}
