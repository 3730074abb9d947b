package io.mockdocker.internal.http;

/**
 * What a Remote API version changes, as data: each field answers one question, and each version
 * is derived from the one before it. Endpoints switch on these fields; they never compare version numbers.
 */
public record ApiVersion(
    String number,
    ProgressFormat progress,
    PushCredentials pushCredentials,
    AuthGet authGet,
    AuthLogin authLogin,
    ImageDelete imageDelete) {

  /** How pull, push, insert and import report progress. */
  public enum ProgressFormat { RAW_TEXT, JSON_STREAM }

  /** Where push takes its registry credentials from. */
  public enum PushCredentials { STORED, REQUEST_BODY }

  /** Whether {@code GET /auth} is served. */
  public enum AuthGet { SERVED, NOT_FOUND }

  /** What {@code POST /auth} does with good credentials. */
  public enum AuthLogin { LOGIN_AND_STORE, CHECK_ONLY }

  /** What {@code DELETE /images/(name)} does. */
  public enum ImageDelete { LAYER_ONLY, UNTAG_AND_PRUNE }

  static final ApiVersion V1_0 = new ApiVersion("1.0", ProgressFormat.RAW_TEXT, PushCredentials.STORED,
      AuthGet.SERVED, AuthLogin.LOGIN_AND_STORE, ImageDelete.LAYER_ONLY);
  static final ApiVersion V1_1 = V1_0.withNumber("1.1").withProgress(ProgressFormat.JSON_STREAM);
  static final ApiVersion V1_2 = V1_1.withNumber("1.2")
      .withPushCredentials(PushCredentials.REQUEST_BODY)
      .withAuthGet(AuthGet.NOT_FOUND)
      .withAuthLogin(AuthLogin.CHECK_ONLY)
      .withImageDelete(ImageDelete.UNTAG_AND_PRUNE);

  /** The newest version this view serves; an unparsable prefix means this one. */
  static final ApiVersion LATEST = V1_2;

  /**
   * The view for a version number parsed from a {@code /v…} prefix, as the daemon compared it ({@code version > 1.0},
   * {@code version > 1.1}); {@code null} for 0 and for anything above 1.2, which the daemon answered with an empty
   * 404.
   */
  static ApiVersion forNumber(double version) {
    if (version == 0 || version > 1.2 || Double.isNaN(version)) {
      return null;
    }
    if (version > 1.1) {
      return V1_2;
    }
    return version > 1.0 ? V1_1 : V1_0;
  }

  /** The version named by the text of a {@code /v…} prefix ({@code [0-9.]+}), parsed as Go's ParseFloat would. */
  static ApiVersion forPrefix(String digitsAndDots) {
    double parsed;
    try {
      if (!parses(digitsAndDots)) {
        return LATEST;
      }
      parsed = Double.parseDouble(digitsAndDots);
    } catch (NumberFormatException e) {
      return LATEST;
    }
    return forNumber(parsed);
  }

  /** Whether a prefix's text is a number to Go's ParseFloat (else the daemon took its newest version). */
  static boolean parses(String digitsAndDots) {
    return !digitsAndDots.isEmpty() && !digitsAndDots.equals(".")
        && digitsAndDots.indexOf('.') == digitsAndDots.lastIndexOf('.');
  }

  ApiVersion withNumber(String v) {
    return new ApiVersion(v, progress, pushCredentials, authGet, authLogin, imageDelete);
  }

  ApiVersion withProgress(ProgressFormat v) {
    return new ApiVersion(number, v, pushCredentials, authGet, authLogin, imageDelete);
  }

  ApiVersion withPushCredentials(PushCredentials v) {
    return new ApiVersion(number, progress, v, authGet, authLogin, imageDelete);
  }

  ApiVersion withAuthGet(AuthGet v) {
    return new ApiVersion(number, progress, pushCredentials, v, authLogin, imageDelete);
  }

  ApiVersion withAuthLogin(AuthLogin v) {
    return new ApiVersion(number, progress, pushCredentials, authGet, v, imageDelete);
  }

  ApiVersion withImageDelete(ImageDelete v) {
    return new ApiVersion(number, progress, pushCredentials, authGet, authLogin, v);
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
