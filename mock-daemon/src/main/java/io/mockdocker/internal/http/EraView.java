package io.mockdocker.internal.http;

import io.undertow.server.HttpServerExchange;

/**
 * The era view's rules (docker 0.4.4's mux and wrapper): uncleaned paths get a 301, {@code OPTIONS} is answered on any
 * path, an unknown route is mux's {@code 404 page not found}, a version of 0 or above 1.2 gets an empty 404, and a
 * failure's status comes from its message prefix, with the text and a newline as the body.
 */
final class EraView implements View<ApiVersion> {
  static final EraView INSTANCE = new EraView();

  private EraView() {}

  @Override
  public boolean redirectsUncleanPaths() {
    return true;
  }

  @Override
  public boolean answersPreflight() {
    return true;
  }

  @Override
  public boolean servesQuickRoutesOnIoThread() {
    return true;
  }

  @Override
  public void notFound(HttpServerExchange ex) {
    Responses.error(ex, 404, "404 page not found");
  }

  @Override
  public void writeRoutedHeaders(HttpServerExchange ex) {
    // the era added nothing of its own
  }

  @Override
  public ApiVersion admit(HttpServerExchange ex, RequestVersion version) {
    if (version.era() == null) {
      Responses.status(ex, 404);
    }
    return version.era();
  }

  @Override
  public int statusFor(Throwable failure, String message) {
    return Responses.statusFor(message);
  }

  @Override
  public void error(HttpServerExchange ex, int status, String message) {
    Responses.error(ex, status, message);
  }
}
