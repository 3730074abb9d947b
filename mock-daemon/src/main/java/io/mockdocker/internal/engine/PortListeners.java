package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.internal.ScriptAccess;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The published-port listener set of one container run. A TCP connection gets what the port's {@link PortScript}
 * says (accepted and held open when no script matches) on the engine's threads. A port whose script waits for a log
 * line or a delay holds its host port with a bound socket that does not listen, so that connections are refused
 * until it opens. While the container is paused, connections are accepted but not served, and writes wait. UDP and
 * SCTP ports hold a bound UDP socket that nobody reads, so the host port is taken while the container runs.
 *
 * <p>A built-in process (Ryuk) can {@link #serve} a container port: connections to it from then on go to its handler,
 * on a thread of their own, whatever the port's script says.
 *
 * <p>This class is the listeners' lifecycle (bound, opened after a log line or a delay, accepting, closed with the
 * run); what happens on each accepted connection is {@link PortConnections}'.
 */
final class PortListeners implements Closeable {
  private final ExecutorService threads;
  private final Clock clock;
  private final PortConnections connections;
  private final List<Closeable> sockets = new ArrayList<>();
  private final List<Integer> hostPorts = new ArrayList<>();
  private final List<PublishedPort> published = new ArrayList<>();
  private final List<Future<?>> waits = new ArrayList<>();
  private final List<Runnable> unsubscribes = new ArrayList<>();
  /** The ports still waiting to open. */
  private final List<Tcp> pending = new ArrayList<>();
  private final Map<String, Serving> serving = new HashMap<>();
  private boolean closed;
  /** Accept loops not yet ended: a closed listener stops listening only once its blocked accept() has returned. */
  private int acceptors;

  PortListeners(ExecutorService threads, Clock clock) {
    this.threads = threads;
    this.clock = clock;
    this.connections = new PortConnections(threads);
  }

  /** One TCP port of the run: its script ({@code null} holds), and its listener once open. */
  private final class Tcp {
    final String port;
    final PortScriptHandle handle;
    final InetSocketAddress address;
    Socket placeholder;

    Tcp(String port, PortScriptHandle handle, InetSocketAddress address) {
      this.port = port;
      this.handle = handle;
      this.address = address;
    }

    PortScript script() {
      return handle == null ? PortScript.hold() : handle.script();
    }
  }

  /** Listens on {@code server} for container port {@code port} at once. */
  synchronized void addTcp(String port, ServerSocket server, PortScriptHandle handle) {
    Tcp tcp = new Tcp(port, handle, (InetSocketAddress) server.getLocalSocketAddress());
    sockets.add(server);
    hostPorts.add(server.getLocalPort());
    accepting(tcp, server);
  }

  /** Holds the host port with {@code placeholder} (bound, not listening) until the port's script opens it. */
  synchronized void addWaiting(String port, Socket placeholder, PortScriptHandle handle) {
    Tcp tcp = new Tcp(port, handle, (InetSocketAddress) placeholder.getLocalSocketAddress());
    tcp.placeholder = placeholder;
    sockets.add(placeholder);
    hostPorts.add(placeholder.getLocalPort());
    pending.add(tcp);
    if (tcp.script().openAfterLog() == null) {
      after(tcp, tcp.script().openAfter());
    } // else follow(...) watches the output
  }

  /** What a built-in process does with one connection to a port it serves; the connection is closed after it. */
  @FunctionalInterface
  interface Serving {
    void serve(Socket connection) throws IOException;
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

  /** The TCP host ports this set holds. */
  synchronized List<Integer> hostPorts() {
    return List.copyOf(hostPorts);
  }

  /** Watches the run's output for the lines the waiting ports open after; called before the process starts. */
  void follow(ContainerOutput stdout, ContainerOutput stderr) {
    List<Tcp> watching;
    synchronized (this) {
      watching = pending.stream().filter(t -> t.script().openAfterLog() != null).toList();
    }
    for (Tcp tcp : watching) {
      byte[] text = tcp.script().openAfterLog().getBytes(StandardCharsets.UTF_8);
      Runnable seen = new Runnable() {
        private boolean once;

        @Override
        public void run() {
          synchronized (this) {
            if (once) {
              return;
            }
            once = true;
          }
          after(tcp, tcp.script().openAfter());
        }
      };
      LogWatch out = new LogWatch(text, seen);
      LogWatch err = new LogWatch(text, seen);
      stdout.subscribe(out);
      stderr.subscribe(err);
      synchronized (this) {
        unsubscribes.add(() -> stdout.unsubscribe(out));
        unsubscribes.add(() -> stderr.unsubscribe(err));
      }
    }
  }

  /** Looks for a text in one output stream, across writes. */
  private static final class LogWatch implements ContainerOutput.Listener {
    private final String text;
    private final Runnable seen;
    private String tail = "";
    private boolean done;

    LogWatch(byte[] text, Runnable seen) {
      this.text = new String(text, StandardCharsets.ISO_8859_1);
      this.seen = seen;
    }

    @Override
    public void write(byte[] bytes) {
      if (done) {
        return;
      }
      String all = tail + new String(bytes, StandardCharsets.ISO_8859_1);
      if (all.contains(text)) {
        done = true;
        seen.run();
        return;
      }
      tail = all.substring(Math.max(0, all.length() - text.length() + 1));
    }

    @Override
    public void closed() {
      done = true;
    }
  }

  /** Opens {@code tcp} after {@code delay} on the engine clock (at once for zero). */
  private void after(Tcp tcp, Duration delay) {
    if (delay.isZero()) {
      open(tcp);
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        waits.add(threads.submit(() -> {
          try {
            clock.sleep(delay);
          } catch (InterruptedException e) {
            return; // the run ended
          }
          open(tcp);
        }));
      } catch (RejectedExecutionException e) {
        // the engine is closing
      }
    }
  }

  /**
   * Swaps the placeholder for a listener on the same address. Between the two another program could take the port;
   * then the port stays closed, as a service that failed to bind would.
   */
  private synchronized void open(Tcp tcp) {
    if (closed || tcp.placeholder == null) {
      return;
    }
    PortConnections.quietly(tcp.placeholder);
    sockets.remove(tcp.placeholder);
    tcp.placeholder = null;
    pending.remove(tcp);
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      try {
        server.bind(tcp.address, 50);
      } catch (IOException e) {
        server.close();
        throw e;
      }
      sockets.add(server);
      accepting(tcp, server);
    } catch (IOException e) {
      // taken meanwhile: nothing listens
    }
  }

  private void accepting(Tcp tcp, ServerSocket server) {
    synchronized (this) {
      acceptors++;
    }
    try {
      Future<?> unused = threads.submit(() -> {
        try {
          accept(tcp, server);
        } finally {
          synchronized (this) {
            acceptors--;
            notifyAll();
          }
        }
      });
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        acceptors--;
      }
      PortConnections.quietly(server); // the engine is closing
    }
  }

  /**
   * Waits, at most a few seconds, for the accept loops to end. Closing a server socket while another thread is blocked
   * in its accept() only marks it closed; the kernel keeps it listening (new connections accepted, the port not
   * bindable) until that accept() has returned, so a run's ports are free only after this.
   */
  private synchronized void awaitAcceptorsGone() {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (acceptors > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void accept(Tcp tcp, ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Serving handler;
        synchronized (this) {
          handler = serving.get(tcp.port);
        }
        if (!connections.track(s)) {
          s.close();
          return;
        }
        if (handler != null) {
          Future<?> unused = threads.submit(() -> connections.served(handler, s));
          continue;
        }
        if (tcp.handle != null) {
          ScriptAccess.connected(tcp.handle);
        }
        Future<?> unused = threads.submit(() -> connections.serve(tcp.script().behaviour(), s));
      } catch (SocketException e) {
        return; // closed
      } catch (IOException | RejectedExecutionException e) {
        // a failed accept: keep listening (a closing engine closes the server next)
      }
    }
  }

  /** The container was paused or unpaused: connections wait, or go on. */
  void paused(boolean paused) {
    connections.paused(paused);
  }

  @Override
  public void close() {
    List<Closeable> all;
    List<Future<?>> timers;
    List<Runnable> watches;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(sockets);
      sockets.clear();
      timers = new ArrayList<>(waits);
      watches = new ArrayList<>(unsubscribes);
    }
    timers.forEach(f -> f.cancel(true));
    watches.forEach(Runnable::run);
    all.forEach(PortConnections::quietly);
    connections.close();
    awaitAcceptorsGone();
  }
}
