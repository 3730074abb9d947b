package io.mockdocker.internal.http;

import io.mockdocker.internal.engine.ConnectionDropped;
import io.mockdocker.internal.engine.DockerException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;
import org.xnio.Options;

/**
 * What an endpoint's failure becomes: a daemon error is answered with the view's status and error shape (or just ends
 * an answer already started), a dropped connection or a closing daemon resets the connection, and a body over the
 * limit also closes it.
 */
final class ErrorMapping implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ErrorMapping.class.getName());
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long DRAIN_BYTES = 64L << 20;

  private final View<?> view;
  private final HttpHandler next;

  ErrorMapping(View<?> view, HttpHandler next) {
    this.view = view;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    unlessClientGone(ex, this::answer);
  }

  /**
   * Runs {@code step}; when the connection breaks under it (the client left while an answer, an error answer
   * included, was being written) the connection is dropped: a client leaving is normal, not worth a stack trace.
   */
  static void unlessClientGone(HttpServerExchange ex, HttpHandler step) throws Exception {
    try {
      step.handleRequest(ex);
    } catch (UncheckedIOException e) {
      LOG.log(Level.FINE, "client gone during " + route(ex), e);
      reset(ex);
    }
  }

  private void answer(HttpServerExchange ex) {
    try {
      next.handleRequest(ex);
    } catch (ApiError | DockerException e) {
      // a body's bad framing is the server's 400 in either view (Go's server refused it before any handler's code)
      int status = e == ChunkedBody.failure(ex) && e instanceof ApiError framing ? framing.status()
          : view.statusFor(e, e.getMessage());
      fail(ex, view, status, e.getMessage());
    } catch (ConnectionDropped e) {
      reset(ex);
    } catch (UncheckedIOException e) {
      // the connection broke under the endpoint (the client left, or a fault cut it): nothing more to say
      LOG.log(Level.FINE, "connection broke in " + route(ex), e);
      String message = String.valueOf(e.getMessage());
      fail(ex, view, view.statusFor(e, message), message);
    } catch (InterruptedException e) {
      // the daemon is closing: its worker threads are interrupted and their connections cut
      Thread.currentThread().interrupt();
      reset(ex);
    } catch (Exception | Error e) {
      if (!ex.getConnection().isOpen()) {
        // the connection was closed under the endpoint (a body that stopped coming met the idle timeout, or the
        // daemon closed): Undertow's buffers went with it, so a read fails as freed; the client is gone
        LOG.log(Level.FINE, "connection closed in " + route(ex), e);
        reset(ex);
        return;
      }
      LOG.log(Level.WARNING, "unexpected failure in " + route(ex), e);
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      fail(ex, view, view.statusFor(e, message), message);
    }
  }

  private static Object route(HttpServerExchange ex) {
    Route.Found<?> found = ex.getAttachment(RouteTable.FOUND);
    return found == null ? ex.getRequestPath() : found.route();
  }

  /** Answers a failure, or ends an answer already started; a body over the limit also closes the connection. */
  static void fail(HttpServerExchange ex, View<?> view, int status, String message) {
    if (message.startsWith(Call.TOO_LARGE)) {
      // the rest of the body is not read: the connection cannot carry another request
      ex.setPersistent(false);
      ex.getResponseHeaders().put(Headers.CONNECTION, "close");
      drainBriefly(ex);
    }
    if (ex.isResponseStarted()) {
      ex.endExchange();
      return;
    }
    view.error(ex, status, message);
  }

  /** Drops the connection with a reset (RST), after whatever was already flushed. */
  static void reset(HttpServerExchange ex) {
    try {
      ex.getConnection().setOption(Options.CLOSE_ABORT, true);
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
    IoUtils.safeClose(ex.getConnection());
  }

  /**
   * Reads and drops what the client has already sent of a refused body, for a moment and up to a budget, so that
   * closing the connection does not reset it (and lose the answer) while the client is still writing; Go's server
   * did the same before closing. Never waits on a client that sends nothing.
   */
  private static void drainBriefly(HttpServerExchange ex) {
    if (ex.isRequestComplete() || !ex.isBlocking()) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN_NANOS;
    long budget = DRAIN_BYTES;
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = ex.getInputStream();
      while (budget > 0 && System.nanoTime() < deadline && !ex.isRequestComplete()) {
        int available = in.available();
        if (available <= 0) {
          Thread.sleep(2);
          continue;
        }
        int n = in.read(buffer, 0, (int) Math.min(Math.min(available, buffer.length), budget));
        if (n < 0) {
          return;
        }
        budget -= n;
      }
    } catch (IOException e) {
      // the client is gone: nothing to protect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
