package io.mockdocker.internal.engine;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The published-port listener set of one container run. A TCP connection gets the default behaviour: accepted and
 * held open, nothing read or written, until the set closes (the run ended). UDP and SCTP ports hold a bound UDP
 * socket that nobody reads, so the host port is taken while the container runs.
 */
final class PortListeners implements Closeable {
  private final ExecutorService threads;
  private final List<Closeable> sockets = new ArrayList<>();
  private final List<Integer> hostPorts = new ArrayList<>();
  private final List<PublishedPort> published = new ArrayList<>();
  private boolean closed;

  PortListeners(ExecutorService threads) {
    this.threads = threads;
  }

  synchronized void addTcp(ServerSocket server) {
    sockets.add(server);
    hostPorts.add(server.getLocalPort());
    Future<?> unused = threads.submit(() -> accept(server));
  }

  synchronized void addOther(Closeable socket) {
    sockets.add(socket);
  }

  synchronized void publish(PublishedPort port) {
    published.add(port);
  }

  synchronized List<PublishedPort> published() {
    return List.copyOf(published);
  }

  /** The TCP host ports this set listens on. */
  synchronized List<Integer> hostPorts() {
    return List.copyOf(hostPorts);
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (this) {
          if (closed) {
            s.close();
            return;
          }
          sockets.add(s);
        }
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        // a failed accept: keep listening
      }
    }
  }

  @Override
  public void close() {
    List<Closeable> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(sockets);
      sockets.clear();
    }
    for (Closeable c : all) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
