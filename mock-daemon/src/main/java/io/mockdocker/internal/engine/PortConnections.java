package io.mockdocker.internal.engine;

import io.mockdocker.script.PortScript;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections accepted on one container run's published ports, each served as its port's {@link PortScript}
 * behaviour says (held, echoed, answered, forwarded, or given to a handler) or by a built-in process's
 * {@link PortListeners.Serving}, on the engine's threads. While the container is paused a connection waits before it
 * is served and its writes wait; once the run ends ({@link #close}) every connection, forwarded ones included, is
 * closed. {@link PortListeners} opens the listeners and hands each accepted connection here.
 */
final class PortConnections implements Closeable {
  private static final int HEAD_LIMIT = 64 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final ExecutorService threads;
  private final List<Socket> sockets = new ArrayList<>();
  private boolean closed;
  private boolean paused;

  PortConnections(ExecutorService threads) {
    this.threads = threads;
  }

  /** Keeps {@code s} to close with the run; false (and {@code s} left alone) once the run ended. */
  synchronized boolean track(Socket s) {
    if (closed) {
      return false;
    }
    sockets.add(s);
    return true;
  }

  /** Serves one connection as the script says; closes it when done (a held one stays until the run ends). */
  void serve(PortScript.Behaviour behaviour, Socket s) {
    boolean keep = false;
    try {
      awaitRunning();
      InputStream in = s.getInputStream();
      OutputStream out = gated(s.getOutputStream());
      if (behaviour instanceof PortScript.Hold) {
        keep = true;
      } else if (behaviour instanceof PortScript.Echo) {
        in.transferTo(out);
        s.shutdownOutput();
      } else if (behaviour instanceof PortScript.Reply r) {
        if (r.afterRequest()) {
          readHead(in);
        }
        out.write(r.bytes());
        out.flush();
        s.shutdownOutput();
        in.transferTo(OutputStream.nullOutputStream()); // no reset before the client read the reply
      } else if (behaviour instanceof PortScript.Forward f) {
        keep = forward(f, s);
      } else if (behaviour instanceof PortScript.Handler h) {
        h.handler().handle(in, out);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, the run ended, or the handler failed: the connection closes
    }
    if (!keep) {
      release(s);
    }
  }

  /** Reads up to the blank line that ends an HTTP request head (or the end of the client's bytes). */
  private static void readHead(InputStream in) throws IOException {
    int state = 0;
    for (int n = 0; n < HEAD_LIMIT; n++) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      if (b == '\n') {
        if (state == 1) {
          return;
        }
        state = 1;
      } else if (b != '\r') {
        state = 0;
      }
    }
  }

  /**
   * Connects to the target and copies both ways, each direction on its own thread; the later to finish closes both
   * sockets. Returns whether the copies took the connection over.
   */
  private boolean forward(PortScript.Forward f, Socket client) throws IOException {
    Socket upstream = new Socket();
    if (!track(upstream)) {
      return false;
    }
    try {
      upstream.connect(new InetSocketAddress(f.host(), f.port()), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      release(upstream); // refused: the client's connection closes
      return false;
    }
    AtomicInteger running = new AtomicInteger(2);
    Runnable done = () -> {
      if (running.decrementAndGet() == 0) {
        release(client);
        release(upstream);
      }
    };
    Future<?> unused = threads.submit(() -> copy(client, upstream, done));
    copy(upstream, client, done);
    return true;
  }

  private void copy(Socket from, Socket to, Runnable done) {
    try {
      from.getInputStream().transferTo(gated(to.getOutputStream()));
      to.shutdownOutput();
    } catch (IOException e) {
      // one side went away: end both
      quietly(from);
      quietly(to);
    }
    done.run();
  }

  /** {@code out} whose writes wait while the container is paused. */
  private OutputStream gated(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        awaitRunning();
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        awaitRunning();
        out.write(b, off, len);
      }
    };
  }

  /** Waits while the container is paused; fails once the run ended. */
  private synchronized void awaitRunning() throws IOException {
    while (paused && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the container is paused");
      }
    }
    if (closed) {
      throw new SocketException("the container's run ended");
    }
  }

  /** The container was paused or unpaused: connections wait, or go on. */
  synchronized void paused(boolean paused) {
    this.paused = paused;
    notifyAll();
  }

  private void release(Socket s) {
    quietly(s);
    synchronized (this) {
      sockets.remove(s);
    }
  }

  static void quietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  void served(PortListeners.Serving handler, Socket s) {
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
    List<Socket> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
      all = new ArrayList<>(sockets);
      sockets.clear();
    }
    all.forEach(PortConnections::quietly);
  }
}
