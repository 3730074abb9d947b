package io.mockdocker.internal.http.modern;

import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whether the client of a long answer (wait, events) has closed its connection, as Go's CloseNotify told the daemon:
 * a non-blocking read on the idle connection sees the end of stream. A byte that did arrive (a pipelined request) is
 * put back for the connection's next request.
 */
final class ClientGone {
  private ClientGone() {}

  static boolean check(HttpServerExchange ex) {
    ServerConnection connection = ex.getConnection();
    if (!connection.isOpen()) {
      return true;
    }
    if (!(connection instanceof HttpServerConnection http)) {
      return false;
    }
    try {
      ByteBuffer one = ByteBuffer.allocate(1);
      int n = http.getChannel().getSourceChannel().read(one);
      if (n > 0) {
        one.flip();
        http.ungetRequestBytes(new ImmediatePooledByteBuffer(one));
      }
      return n < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
