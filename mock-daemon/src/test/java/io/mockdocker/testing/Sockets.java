package io.mockdocker.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something listens on a loopback TCP port, as a client would find out. */
public final class Sockets {
  private Sockets() {}

  /**
   * True when a connection to {@code 127.0.0.1:port} is accepted by a listener. A refused connection is false, and
   * so is Linux's TCP self-connect: when nothing listens on a port in the ephemeral range, the kernel may choose that
   * very port as the client's source port and join the socket to itself, which looks like a success but is not one.
   */
  public static boolean listening(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      return s.getLocalPort() != port;
    } catch (ConnectException e) {
      return false;
    }
  }
}
