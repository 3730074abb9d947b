package io.mockdocker.internal.http;

import io.undertow.server.HttpServerExchange;

/**
 * The era view's rules (docker 0.4.4's mux and wrapper): uncleaned paths get a 301, {@code OPTIONS} is answered on any
 * path, an unknown route is mux's {@code 404 page not found}, a version of 0 or above 1.2 gets an empty 404, and a
 * failure's status comes from its message prefix, with the text and a newline as the body. An older release
 * ({@link EraFeatures}) serves fewer versions, may not answer {@code OPTIONS}, and maps fewer prefixes.
 */
final class EraView implements View<ApiVersion> {
  static final EraView INSTANCE = new EraView(EraFeatures.DEFAULT);

  private final EraFeatures release;

  private EraView(EraFeatures release) {
    this.release = release;
  }

  /** The view of a release. */
  static EraView of(EraFeatures release) {
    return release.equals(EraFeatures.DEFAULT) ? INSTANCE : new EraView(release);
  }

  @Override
  public boolean redirectsUncleanPaths() {
    return true;
  }

  @Override
  public boolean answersPreflight() {
    return release.cors();
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
    ApiVersion row = version.era();
    ApiVersion newest = release.newestApiVersion();
    if (row != null && Profiles.compare(row.number(), newest.number()) > 0) {
      // no prefix (or one ParseFloat rejects) means the release's newest version; a number above it is refused
      row = ApiVersion.parses(version.prefix()) ? null : newest;
    }
    if (row == null) {
      Responses.status(ex, 404);
    }
    return row;
  }

  @Override
  public int statusFor(Throwable failure, String message) {
    return release.statusFor(message);
  }

  @Override
  public void error(HttpServerExchange ex, int status, String message) {
    Responses.error(ex, status, message);
  }
}
