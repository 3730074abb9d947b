package io.mockdocker.internal.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * A body declared longer than the limit is refused before the endpoint runs (a body that turns out longer fails as
 * it is read, in {@link Call}); either way {@link ErrorMapping#fail} closes the connection.
 */
final class BodyLimit implements HttpHandler {
  private final long maxBodyBytes;
  private final View<?> view;
  private final HttpHandler next;

  BodyLimit(long maxBodyBytes, View<?> view, HttpHandler next) {
    this.maxBodyBytes = maxBodyBytes;
    this.view = view;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    if (ex.getRequestContentLength() > maxBodyBytes) {
      RuntimeException tooLarge = Call.tooLarge(maxBodyBytes);
      ErrorMapping.fail(ex, view, view.statusFor(tooLarge, tooLarge.getMessage()), tooLarge.getMessage());
      return;
    }
    next.handleRequest(ex);
  }
}
