package io.mockdocker.api;

import io.mockdocker.ApiProfile;
import io.mockdocker.engine.ConnectionDropped;
import io.mockdocker.engine.DockerException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The modern daemon's router: an unknown route or method is
 * {@code 404 {"message":"page not found"}}; a {@code /vX.Y} prefix outside the served range gets the too-old or
 * too-new error; a routed request gets the common headers, then its endpoint on a worker thread, whose errors become
 * {@code {"message":…}} with the status of their class.
 */
final class ModernRouter implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(ModernRouter.class.getName());
  static final HttpString API_VERSION = new HttpString("Api-Version");
  static final HttpString EXPERIMENTAL = new HttpString("Docker-Experimental");
  static final HttpString OSTYPE = new HttpString("Ostype");
  /** The daemon this view plays. */
  static final String SERVER = "Docker/28.2.2 (linux)";
  static final String ENGINE_VERSION = "28.2.2";

  private final List<Route> routes;
  private final boolean cors;
  private final long maxBodyBytes;
  private final String apiVersion;
  private final String defaultVersion;

  /**
   * @param apiVersion what {@code Api-Version} says on every answer (the newest modern version served)
   * @param defaultVersion what a path without {@code /vX.Y} means
   */
  ModernRouter(List<Route> routes, boolean cors, long maxBodyBytes, String apiVersion, String defaultVersion) {
    this.routes = List.copyOf(routes);
    this.cors = cors;
    this.maxBodyBytes = maxBodyBytes;
    this.apiVersion = apiVersion;
    this.defaultVersion = defaultVersion;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRequestPath();
    String method = ex.getRequestMethod().toString();
    Route.Found found = Route.find(routes, method, path);
    if (found != null) {
      Route.onWorker(ex, exchange -> dispatch(exchange, found.route(), found.vars()));
      return;
    }
    ex.putAttachment(DockerApi.UNMATCHED, Boolean.TRUE);
    ModernResponses.error(ex, 404, "page not found");
  }

  /** The headers the daemon's middleware put on every routed answer (exec's hijack head copies them). */
  void writeCommonHeaders(HttpServerExchange ex) {
    commonHeaders(ex, apiVersion);
  }

  static void commonHeaders(HttpServerExchange ex, String apiVersion) {
    ex.getResponseHeaders().put(API_VERSION, apiVersion);
    ex.getResponseHeaders().put(EXPERIMENTAL, "false");
    ex.getResponseHeaders().put(OSTYPE, "linux");
    ex.getResponseHeaders().put(Headers.SERVER, SERVER);
  }

  private void dispatch(HttpServerExchange ex, Route route, Map<String, String> vars) {
    DockerRouter.writeCors(ex, cors);
    writeCommonHeaders(ex);
    String number = vars.getOrDefault("version", defaultVersion);
    if (ModernVersion.compare(number, ApiProfile.MODERN_MIN) < 0) {
      String message = "client version " + number + " is too old. Minimum supported API version is "
          + ApiProfile.MODERN_MIN + ", please upgrade your client to a newer version";
      ModernResponses.plainError(ex, 400, message);
      return;
    }
    if (ModernVersion.compare(number, apiVersion) > 0) {
      ModernResponses.error(ex, 400, "client version " + number + " is too new. Maximum supported API version is "
          + apiVersion);
      return;
    }
    if (ex.getRequestContentLength() > maxBodyBytes) {
      fail(ex, 500, Call.tooLarge(maxBodyBytes).getMessage());
      return;
    }
    try {
      route.endpoint().handle(new Call(ex, ModernVersion.of(number), vars, maxBodyBytes));
    } catch (ApiError e) {
      fail(ex, e.status(), e.getMessage());
    } catch (DockerException e) {
      fail(ex, ModernErrors.statusFor(e.getMessage()), e.getMessage());
    } catch (ConnectionDropped e) {
      DockerRouter.reset(ex);
    } catch (UncheckedIOException e) {
      LOG.log(Level.FINE, "connection broke in " + route, e);
      fail(ex, 500, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      // the daemon is closing: its worker threads are interrupted and their connections cut
      Thread.currentThread().interrupt();
      DockerRouter.reset(ex);
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "unexpected failure in " + route, e);
      fail(ex, 500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static void fail(HttpServerExchange ex, int status, String message) {
    if (message.startsWith(Call.TOO_LARGE)) {
      ex.setPersistent(false);
      ex.getResponseHeaders().put(Headers.CONNECTION, "close");
      DockerRouter.drainBriefly(ex);
    }
    if (ex.isResponseStarted()) {
      ex.endExchange();
      return;
    }
    ModernResponses.error(ex, status, message);
  }
}
