package io.mockdocker.internal;

import io.mockdocker.ConnectionTimeouts;
import io.mockdocker.internal.http.Framing;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The daemon's Undertow server on its own XNIO worker (I/O threads and the pool that runs blocking handlers), with the
 * options Undertow gives a worker it makes itself. Owning the worker lets {@link #close(Runnable)} end requests that
 * are still running (a following log, an events stream, an attach) instead of waiting for them, as Undertow's own
 * stop would.
 */
public final class HttpServer {
  private final XnioWorker worker;
  private final Undertow server;
  private final int port;

  private HttpServer(XnioWorker worker, Undertow server) {
    this.worker = worker;
    this.server = server;
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Listens on {@code host:port} ({@code 0}: a free port).
   *
   * @param maxBodyBytes the daemon's own body limit: Undertow's is kept above it, so the daemon's check (with its
   *     clear error) always fires first, with room for the bounded drain of a refused body
   * @param timeouts the request head's and the idle connection's timeouts
   */
  public static HttpServer start(String host, int port, int ioThreads, int workerThreads, long maxBodyBytes,
      ConnectionTimeouts timeouts, HttpHandler handler) {
    XnioWorker worker = worker(ioThreads, workerThreads);
    try {
      Undertow server = Undertow.builder()
          .addHttpListener(port, host)
          .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
          .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
          .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
          // Undertow's own default (2 MiB) cut off any larger import or build context with UT000020
          .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntitySize(maxBodyBytes))
          .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) timeouts.requestHead().toMillis())
          .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) timeouts.idle().toMillis())
          .setSocketOption(Options.REUSE_ADDRESSES, true)
          .setWorker(worker)
          .setHandler(Framing.guard(maxBodyBytes, handler))
          .build();
      server.start();
      return new HttpServer(worker, server);
    } catch (RuntimeException e) {
      worker.shutdownNow();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /**
   * Stops listening, runs {@code then} (the daemon ends its processes there), then interrupts the handlers still
   * running and cuts their connections, waiting at most a second for the worker to end.
   */
  public void close(Runnable then) {
    try {
      server.stop();
    } finally {
      try {
        then.run();
      } finally {
        worker.shutdownNow();
        try {
          worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static XnioWorker worker(int ioThreads, int workerThreads) {
    try {
      return Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
          .set(Options.WORKER_IO_THREADS, ioThreads)
          .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
          .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
          .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
          .set(Options.CONNECTION_LOW_WATER, 1_000_000)
          .set(Options.TCP_NODELAY, true)
          .set(Options.CORK, true)
          .getMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the daemon's I/O worker", e);
    }
  }

  private static long maxEntitySize(long maxBodyBytes) {
    long slack = 80L << 20;
    return maxBodyBytes > Long.MAX_VALUE - slack ? Long.MAX_VALUE : maxBodyBytes + slack;
  }
}
