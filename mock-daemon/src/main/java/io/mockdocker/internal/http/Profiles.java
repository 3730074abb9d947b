package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;

/**
 * How the views read an {@link ApiProfile}: which versions belong to the era view, and its default version. Public
 * only for {@code ApiProfile} itself, which asks the same questions.
 */
public final class Profiles {
  static final String ERA_MAX = "1.2";

  private Profiles() {}

  /** Whether the profile's default version belongs to the era view. */
  static boolean defaultIsEra(ApiProfile profile) {
    return isEraVersion(profile.defaultVersion());
  }

  /**
   * The era view's version for a path without {@code /vX.Y}: the default version when it is an era one, else the
   * newest era version (such paths then go to the modern view anyway).
   */
  static ApiVersion eraDefault(ApiProfile profile) {
    return defaultIsEra(profile) ? ApiVersion.forPrefix(profile.defaultVersion()) : ApiVersion.LATEST;
  }

  /**
   * 1.0, 1.1, 1.2 compared as dotted versions (1.12 is API 1.12, not the era's float 1.12): how the {@code all}
   * profile splits versions between its views.
   */
  public static boolean isEraVersion(String version) {
    return ModernVersion.compare(version, "0") > 0 && ModernVersion.compare(version, ERA_MAX) <= 0;
  }

  /** Dotted versions compared part by part as numbers, as the daemon's {@code versions.compare} did. */
  public static int compare(String a, String b) {
    return ModernVersion.compare(a, b);
  }
}
