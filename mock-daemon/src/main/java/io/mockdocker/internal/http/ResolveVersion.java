package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the request's {@code /vX.Y} prefix once and attaches it ({@link RequestVersion}, kept per prefix); answers
 * nothing.
 */
final class ResolveVersion implements HttpHandler {
  private final ApiProfile profile;
  private final HttpHandler next;
  private final Map<String, RequestVersion> known = new ConcurrentHashMap<>();

  ResolveVersion(ApiProfile profile, HttpHandler next) {
    this.profile = profile;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    RequestVersion.attach(ex, profile, known);
    next.handleRequest(ex);
  }
}
