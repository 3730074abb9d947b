package io.mockdocker.internal.engine;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The published-port listener set of one container run. A TCP connection gets the default behaviour: accepted and
 * held open, nothing read or written, until the set closes (the run ended). UDP and SCTP ports hold a bound UDP
 * socket that nobody reads, so the host port is taken while the container runs.
 *
 * <p>A built-in process (Ryuk) can {@link #serve} a container port: connections to it from then on go to its handler,
 * on a thread of their own, instead of being held.
 */
final class PortListeners implements Closeable {
  private final ExecutorService threads;
  private final List<Closeable> sockets = new ArrayList<>();
  private final List<Integer> hostPorts = new ArrayList<>();
  private final List<PublishedPort> published = new ArrayList<>();
  private final Map<String, Serving> serving = new HashMap<>();
  private boolean closed;

  PortListeners(ExecutorService threads) {
    this.threads = threads;
  }

  /** What a built-in process does with one connection to a port it serves; the connection is closed after it. */
  @FunctionalInterface
  interface Serving {
    void serve(Socket connection) throws IOException;
  }

  /** Listens on {@code server} for the container port {@code port} ({@code 8080/tcp}). */
  synchronized void addTcp(ServerSocket server, String port) {
    sockets.add(server);
    hostPorts.add(server.getLocalPort());
    Future<?> unused = threads.submit(() -> accept(server, port));
  }

  /** Hands the connections to container port {@code port} that arrive from now on to {@code handler}. */
  synchronized void serve(String port, Serving handler) {
    serving.put(port, handler);
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

  private void accept(ServerSocket server, String port) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Serving handler;
        synchronized (this) {
          if (closed) {
            s.close();
            return;
          }
          sockets.add(s);
          handler = serving.get(port);
        }
        if (handler != null) {
          Future<?> unused = threads.submit(() -> served(handler, s));
        }
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        // a failed accept: keep listening
      }
    }
  }

  private void served(Serving handler, Socket s) {
    try (s) {
      handler.serve(s);
    } catch (IOException e) {
      // the peer went away or the set closed: the connection is over either way
    } finally {
      synchronized (this) {
        sockets.remove(s);
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
