package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.mockdocker.internal.engine.DockerException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * The modern view's rules (docker 28.2.2's router): no redirects and no preflight of its own, an unknown route is
 * {@code 404 {"message":"page not found"}}, every routed answer carries {@code Api-Version} and its companions, a
 * version outside 1.24–1.50 gets the too-old or too-new error, and failures become {@code {"message":…}} with the
 * status of their class.
 */
public final class ModernView implements View<ModernVersion> {
  static final HttpString API_VERSION = new HttpString("Api-Version");
  static final HttpString EXPERIMENTAL = new HttpString("Docker-Experimental");
  static final HttpString OSTYPE = new HttpString("Ostype");
  /** The daemon this view plays. */
  static final String SERVER = "Docker/28.2.2 (linux)";
  public static final String ENGINE_VERSION = "28.2.2";

  /** What {@code Api-Version} says on every answer: the newest modern version served. */
  private final String apiVersion;

  ModernView(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  /** The headers the daemon's middleware put on every routed answer (exec's hijack head copies them). */
  static void commonHeaders(HttpServerExchange ex, String apiVersion) {
    ex.getResponseHeaders().put(API_VERSION, apiVersion);
    ex.getResponseHeaders().put(EXPERIMENTAL, "false");
    ex.getResponseHeaders().put(OSTYPE, "linux");
    ex.getResponseHeaders().put(Headers.SERVER, SERVER);
  }

  @Override
  public boolean redirectsUncleanPaths() {
    return false;
  }

  @Override
  public boolean answersPreflight() {
    return false;
  }

  @Override
  public boolean servesQuickRoutesOnIoThread() {
    return true;
  }

  @Override
  public void notFound(HttpServerExchange ex) {
    ModernResponses.error(ex, 404, "page not found");
  }

  @Override
  public void writeRoutedHeaders(HttpServerExchange ex) {
    commonHeaders(ex, apiVersion);
  }

  @Override
  public ModernVersion admit(HttpServerExchange ex, RequestVersion version) {
    String number = version.modernRow().number();
    if (ModernVersion.compare(number, ApiProfile.MODERN_MIN) < 0) {
      ModernResponses.plainError(ex, 400, "client version " + number + " is too old. Minimum supported API version is "
          + ApiProfile.MODERN_MIN + ", please upgrade your client to a newer version");
      return null;
    }
    if (ModernVersion.compare(number, apiVersion) > 0) {
      ModernResponses.error(ex, 400, "client version " + number + " is too new. Maximum supported API version is "
          + apiVersion);
      return null;
    }
    return version.modernRow();
  }

  @Override
  public int statusFor(Throwable failure, String message) {
    if (failure instanceof ApiError e) {
      return e.status();
    }
    if (failure instanceof io.mockdocker.internal.engine.NetworkRefused r) {
      return switch (r.kind()) {
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case FORBIDDEN -> 403;
        case INVALID -> 400;
        case SYSTEM -> 500;
      };
    }
    if (failure instanceof io.mockdocker.internal.engine.VolumeRefused r) {
      return switch (r.kind()) {
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case INVALID -> 400;
      };
    }
    return failure instanceof DockerException ? ModernErrors.statusFor(message) : 500;
  }

  @Override
  public void error(HttpServerExchange ex, int status, String message) {
    ModernResponses.error(ex, status, message);
  }
}
