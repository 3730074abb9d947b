package io.mockdocker.api;

import io.mockdocker.engine.ConnectionDropped;
import io.mockdocker.engine.DockerException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;
import org.xnio.Options;

/**
 * The daemon's router, in the order its mux and wrapper did things: an uncleaned path gets a 301; OPTIONS on any
 * path gets 200; an unknown path or wrong method gets mux's {@code 404 page not found}; a routed request gets the
 * CORS headers (when on), then the version check (0 or above 1.2: an empty 404), then its endpoint, whose daemon
 * errors are mapped to statuses by message prefix.
 */
final class DockerRouter implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(DockerRouter.class.getName());
  private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");

  private final List<Route> routes;
  private final boolean cors;
  private final long maxBodyBytes;
  /** What a path without {@code /vX.Y} means: the profile's default version. */
  private final ApiVersion bare;

  DockerRouter(List<Route> routes, boolean cors, long maxBodyBytes, ApiVersion bare) {
    this.routes = List.copyOf(routes);
    this.cors = cors;
    this.maxBodyBytes = maxBodyBytes;
    this.bare = java.util.Objects.requireNonNull(bare, "bare");
  }

  /**
   * Routes on the I/O thread; a quick route and the router's own short answers (301, OPTIONS, 404) are written there,
   * any other endpoint runs on a worker thread with blocking streams. Handing every request to a worker cost a
   * thread switch and, on keep-alive connections, Undertow's spin while the worker finished the exchange.
   */
  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRequestPath();
    String clean = GoPaths.clean(path);
    if (!clean.equals(path)) {
      ex.getResponseHeaders().put(Headers.LOCATION, clean);
      Responses.status(ex, 301);
      return;
    }
    String method = ex.getRequestMethod().toString();
    if (method.equals("OPTIONS")) {
      writeCors(ex);
      Responses.status(ex, 200);
      return;
    }
    Route.Found found = Route.find(routes, method, path);
    if (found != null) {
      if (found.route().onIoThread()) {
        dispatch(ex, found.route(), found.vars());
      } else {
        Route.onWorker(ex, exchange -> dispatch(exchange, found.route(), found.vars()));
      }
      return;
    }
    ex.putAttachment(DockerApi.UNMATCHED, Boolean.TRUE);
    Responses.error(ex, 404, "404 page not found");
  }

  private void dispatch(HttpServerExchange ex, Route route, Map<String, String> vars) {
    writeCors(ex);
    String prefix = vars.get("version");
    ApiVersion version = prefix == null ? bare : ApiVersion.forPrefix(prefix);
    if (version == null) {
      Responses.status(ex, 404);
      return;
    }
    long declared = ex.getRequestContentLength();
    if (declared > maxBodyBytes) {
      fail(ex, Call.tooLarge(maxBodyBytes).getMessage());
      return;
    }
    try {
      route.endpoint().handle(new Call(ex, version, vars, maxBodyBytes));
    } catch (DockerException e) {
      fail(ex, e.getMessage());
    } catch (ConnectionDropped e) {
      reset(ex);
    } catch (UncheckedIOException e) {
      // the connection broke under the endpoint (the client left, or a fault cut it): nothing more to say
      LOG.log(Level.FINE, "connection broke in " + route, e);
      fail(ex, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      // the daemon is closing: its worker threads are interrupted and their connections cut
      Thread.currentThread().interrupt();
      reset(ex);
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "unexpected failure in " + route, e);
      fail(ex, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
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

  private static void fail(HttpServerExchange ex, String message) {
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
    Responses.error(ex, Responses.statusFor(message), message);
  }

  /**
   * Reads and drops what the client has already sent of a refused body, for a moment and up to a budget, so that
   * closing the connection does not reset it (and lose the answer) while the client is still writing; Go's server
   * did the same before closing. Never waits on a client that sends nothing.
   */
  static void drainBriefly(HttpServerExchange ex) {
    if (ex.isRequestComplete() || !ex.isBlocking()) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN_NANOS;
    long budget = DRAIN_BYTES;
    byte[] buffer = new byte[64 * 1024];
    try {
      java.io.InputStream in = ex.getInputStream();
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
    } catch (java.io.IOException e) {
      // the client is gone: nothing to protect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final long DRAIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
  private static final long DRAIN_BYTES = 64L << 20;

  private void writeCors(HttpServerExchange ex) {
    writeCors(ex, cors);
  }

  static void writeCors(HttpServerExchange ex, boolean cors) {
    if (cors) {
      ex.getResponseHeaders().put(ALLOW_ORIGIN, "*");
      ex.getResponseHeaders().put(ALLOW_HEADERS, "Origin, X-Requested-With, Content-Type, Accept");
      ex.getResponseHeaders().put(ALLOW_METHODS, "GET, POST, DELETE, PUT, OPTIONS");
    }
  }
}
