package io.mockdocker.internal.rcli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.http.JsonBodies;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The listener for docker's pre-Remote-API protocol, "rcli" (docker up to v0.3.2, port 4242). One call per
 * connection: the client writes its CLI arguments as a JSON array of strings and a newline; everything after that
 * newline is the command's stdin (so the blank line docker-ruby sends next reaches a process attached to stdin). The
 * server answers with one line of options ({@link RcliOutput}) before the first output, then the command's output,
 * then {@code Error: <message>\n} when the command failed, and closes. A call that is not a JSON array of strings
 * fails with the decoder's error.
 *
 * <p>Each connection runs on its own daemon thread; {@link #close()} closes the listener and every open connection
 * and waits (about a second at most) for the threads to end.
 */
public final class RcliServer implements AutoCloseable {
  private static final int MAX_CALL_BYTES = 1 << 20;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final ServerSocket listener;
  private final Supplier<Engine> engine;
  private final Thread acceptor;
  private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final String name = "mock-docker-rcli-" + SERVERS.incrementAndGet();
  private volatile boolean closed;

  private RcliServer(ServerSocket listener, Supplier<Engine> engine) {
    this.listener = listener;
    this.engine = engine;
    this.acceptor = new Thread(this::acceptLoop, name);
    acceptor.setDaemon(true);
  }

  /**
   * Listens on {@code host:port} (0: a free port) and serves calls against the engine {@code engine} gives at each
   * connection (a daemon's reset replaces it).
   */
  public static RcliServer start(String host, int port, Supplier<Engine> engine) {
    ServerSocket socket = null;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("rcli: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    RcliServer server = new RcliServer(socket, engine);
    server.acceptor.start();
    return server;
  }

  /** The bound port. */
  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      Thread t = new Thread(() -> serve(socket), name + "-conn-" + connections.incrementAndGet());
      t.setDaemon(true);
      open.put(socket, t);
      if (closed) {
        open.remove(socket);
        closeQuietly(socket);
        return;
      }
      t.start();
    }
  }

  private void serve(Socket socket) {
    try {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      RcliOutput out = new RcliOutput(socket.getOutputStream());
      try {
        List<String> args = readCall(in);
        new RcliCommands(engine.get(), in, out).call(args);
      } catch (RcliCommands.Failure | DockerException e) {
        out.print("Error: " + e.getMessage() + "\n");
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        out.print("Error: " + e + "\n"); // a defect of the mock, shown to the client rather than hidden
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the daemon is closing
      }
      // what the client sent and the command did not read is dropped, so that the close is an orderly end of stream
      // rather than a reset that could discard the output on its way
      while (in.available() > 0) {
        in.skip(in.available());
      }
      socket.shutdownOutput();
    } catch (IOException | UncheckedIOException e) {
      // the client went away, or the daemon closed the connection
    } finally {
      closeQuietly(socket);
      open.remove(socket);
    }
  }

  /** The first line, as a JSON array of strings (Go's {@code json.Unmarshal} into {@code []string}). */
  static List<String> readCall(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new RcliCommands.Failure("EOF");
      }
      if (line.size() >= MAX_CALL_BYTES) {
        throw new RcliCommands.Failure("rcli call longer than " + MAX_CALL_BYTES + " bytes");
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw new RcliCommands.Failure("unexpected end of JSON input");
    }
    JsonNode node = JsonBodies.value(bytes);
    List<String> args = new ArrayList<>();
    if (node.isNull()) {
      return args;
    }
    if (!node.isArray()) {
      throw new RcliCommands.Failure("json: cannot unmarshal " + goType(node) + " into Go value of type []string");
    }
    for (JsonNode item : node) {
      if (item.isNull()) {
        args.add("");
      } else if (!item.isTextual()) {
        throw new RcliCommands.Failure("json: cannot unmarshal " + goType(item) + " into Go value of type string");
      } else {
        args.add(item.textValue());
      }
    }
    return args;
  }

  private static String goType(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return "string";
  }

  /** Closes the listener and the open connections, and waits up to about a second for their threads. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    long deadline = System.nanoTime() + 1_000_000_000L;
    join(acceptor, deadline);
    for (Map.Entry<Socket, Thread> e : open.entrySet()) {
      closeQuietly(e.getKey());
      e.getValue().interrupt();
    }
    for (Thread t : open.values()) {
      join(t, deadline);
    }
  }

  private static void join(Thread t, long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return;
    }
    try {
      t.join(Math.max(1, left / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
