package io.mockdocker.api;

import io.mockdocker.ApiProfile;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code all} profile's front door: a {@code /vX.Y} path goes to the era view when X.Y is 1.0–1.2 and to the
 * modern view otherwise (which refuses what it does not serve); a bare path goes to the view of the default version.
 */
final class VersionDispatch implements HttpHandler {
  private static final Pattern PREFIX = Pattern.compile("^/v([0-9.]+)/");

  private final HttpHandler era;
  private final HttpHandler modern;
  private final boolean bareIsEra;

  VersionDispatch(HttpHandler era, HttpHandler modern, ApiProfile profile) {
    this.era = era;
    this.modern = modern;
    this.bareIsEra = Profiles.defaultIsEra(profile);
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    (toEra(ex, bareIsEra) ? era : modern).handleRequest(ex);
  }

  private static boolean toEra(HttpServerExchange ex, boolean bareIsEra) {
    Matcher m = PREFIX.matcher(ex.getRequestPath());
    return m.find() ? Profiles.isEraVersion(m.group(1)) : bareIsEra;
  }

  /** Which requests of the {@code all} profile the modern view answers. */
  static java.util.function.Predicate<HttpServerExchange> modern(ApiProfile profile) {
    boolean bareIsEra = Profiles.defaultIsEra(profile);
    return ex -> !toEra(ex, bareIsEra);
  }
}
