package io.mockdocker.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

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

  /**
   * True when the peer closed the connection: the next read ends the stream, or the peer reset it. Which of the two a
   * client sees depends on a race it cannot control (a connection still in the listener's backlog when the listener
   * closes is reset; one the listener had accepted is closed), so a test of "the connection was closed" takes both.
   * False when nothing arrives within the socket's read timeout; bytes that do arrive are a failure too.
   */
  public static boolean closedByPeer(Socket s) throws IOException {
    try {
      int b = s.getInputStream().read();
      if (b >= 0) {
        throw new AssertionError("expected the connection to close, but a byte arrived: " + b);
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }
}
