package io.mockdocker.internal;

import io.mockdocker.ConnectionTimeouts;
import io.mockdocker.internal.http.Framing;
import io.mockdocker.internal.http.ClientInput;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

/**
 * The daemon's HTTP listener: Undertow's HTTP/1.1 protocol on the JVM's {@link SharedWorker shared XNIO worker}, set up
 * as {@code Undertow.start} would (without its log line and its service lookup), with what closing a daemon needs
 * kept per daemon: the connections it accepted, and the pool that runs its blocking handlers (threads made on first
 * use). {@link #close(Runnable)} ends the requests still running (a following log, an events stream, an attach) and
 * cuts the daemon's connections instead of waiting for them. Each accepted connection's bytes pass through a
 * {@link ClientInput} before Undertow's parser sees them (a request without a Host header, a body that stops coming).
 */
public final class HttpServer {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final SharedWorker.Lease lease;
  private final AcceptingChannel<StreamConnection> channel;
  private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor handlers;
  private final int port;
  private volatile boolean closed;

  private HttpServer(SharedWorker.Lease lease, String host, int port, int workerThreads, long maxBodyBytes,
      ConnectionTimeouts timeouts, HttpHandler handler) throws IOException {
    this.lease = lease;
    this.handlers = pool(workerThreads);
    HttpOpenListener open = new HttpOpenListener(SharedWorker.BUFFERS, OptionMap.builder()
        // not buffered: a stream (events, logs -f) answering a request with a pipelined one behind it must send its
        // head at once, as Go's server did, not when the buffer fills
        .set(UndertowOptions.BUFFER_PIPELINED_DATA, false)
        .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) timeouts.requestHead().toMillis())
        .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) timeouts.idle().toMillis())
        .set(UndertowOptions.ALLOW_ENCODED_SLASH, true)
        .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
        .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
        // Undertow's own default (2 MiB) cut off any larger import or build context with UT000020
        .set(UndertowOptions.MAX_ENTITY_SIZE, maxEntitySize(maxBodyBytes))
        .getMap());
    Executor blocking = handlers;
    HttpHandler framed = Framing.guard(maxBodyBytes, handler);
    open.setRootHandler(ex -> {
      ex.setDispatchExecutor(blocking); // a dispatch from the I/O thread runs on this daemon's pool
      framed.handleRequest(ex);
    });
    ChannelListener<AcceptingChannel<StreamConnection>> accept = server -> {
      StreamConnection connection;
      try {
        connection = server.accept();
      } catch (IOException e) {
        return;
      }
      if (connection == null) {
        return;
      }
      connections.removeIf(c -> !c.isOpen());
      connections.add(connection);
      if (closed) {
        IoUtils.safeClose(connection);
        return;
      }
      ClientInput.install(connection, timeouts.idle().toMillis());
      open.handleEvent(connection);
    };
    this.channel = lease.worker().createStreamConnectionServer(
        new InetSocketAddress(InetAddress.getByName(host), port), accept, OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, lease.worker().getIoThreadCount())
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, 1000)
            .getMap());
    channel.resumeAccepts();
    this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  /**
   * Listens on {@code host:port} ({@code 0}: a free port), on the shared worker when {@code ioThreads} is the
   * shared worker's count, else on a worker of its own.
   *
   * @param workerThreads the most handlers that block at once (pulls, waits, streams)
   * @param maxBodyBytes the daemon's own body limit: Undertow's is kept above it, so the daemon's check (with its
   *     clear error) always fires first, with room for the bounded drain of a refused body
   * @param timeouts the request head's and the idle connection's timeouts
   */
  public static HttpServer start(String host, int port, int ioThreads, int workerThreads, long maxBodyBytes,
      ConnectionTimeouts timeouts, HttpHandler handler) {
    SharedWorker.Lease lease = ioThreads == SharedWorker.IO_THREADS ? SharedWorker.acquire()
        : SharedWorker.own(ioThreads);
    try {
      return new HttpServer(lease, host, port, workerThreads, maxBodyBytes, timeouts, handler);
    } catch (IOException e) {
      lease.release();
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /**
   * Stops listening, runs {@code then} (the daemon ends its processes there), then interrupts the handlers still
   * running and cuts the daemon's connections, waiting at most a second for its handlers to end.
   */
  public void close(Runnable then) {
    closed = true;
    try {
      IoUtils.safeClose(channel);
    } finally {
      try {
        then.run();
      } finally {
        try {
          handlers.shutdownNow();
          connections.forEach(IoUtils::safeClose);
          connections.clear();
          handlers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          lease.release();
        }
      }
    }
  }

  /**
   * Up to {@code threads} threads, each made when a handler finds no idle one and ended after a minute idle; beyond
   * that, handlers wait in line (a thread pool's core threads would each be made anew instead of reusing idle ones).
   */
  private static ThreadPoolExecutor pool(int threads) {
    String prefix = "mock-docker-http-" + POOLS.incrementAndGet() + "-";
    AtomicInteger n = new AtomicInteger();
    IdleFirst queue = new IdleFirst();
    return new ThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, queue, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, (task, pool) -> {
      if (pool.isShutdown()) {
        throw new RejectedExecutionException("the daemon is closed");
      }
      queue.add(task);
    });
  }

  /** A queue that takes a task only when an idle thread is waiting for one, so that the pool grows otherwise. */
  private static final class IdleFirst extends LinkedTransferQueue<Runnable> {
    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }
  }

  private static long maxEntitySize(long maxBodyBytes) {
    long slack = 80L << 20;
    return maxBodyBytes > Long.MAX_VALUE - slack ? Long.MAX_VALUE : maxBodyBytes + slack;
  }
}
