package io.mockdocker;

import io.mockdocker.internal.http.Profiles;
import java.util.Locale;
import java.util.Objects;

/**
 * Which Remote API versions a daemon serves, and the version a path without {@code /vX.Y} (and {@code /_ping}'s
 * {@code Api-Version}) means. Three profiles: {@link #era()} (1.0–1.2, as docker 0.4.4; the default),
 * {@link #modern()} (1.24–1.50, as docker 28.2.2) and {@link #all()} (both ranges). A value: derive a variant with
 * {@link #withDefaultVersion(String)}.
 */
public final class ApiProfile {
  /** The newest and oldest versions of the modern view. */
  public static final String MODERN_MAX = "1.50";
  public static final String MODERN_MIN = "1.24";
  private static final String ERA_MAX = "1.2";

  private static final ApiProfile ERA = new ApiProfile("era", true, false, ERA_MAX);
  private static final ApiProfile MODERN = new ApiProfile("modern", false, true, MODERN_MAX);
  private static final ApiProfile ALL = new ApiProfile("all", true, true, MODERN_MAX);

  private final String name;
  private final boolean era;
  private final boolean modern;
  private final String defaultVersion;

  private ApiProfile(String name, boolean era, boolean modern, String defaultVersion) {
    this.name = name;
    this.era = era;
    this.modern = modern;
    this.defaultVersion = defaultVersion;
  }

  /** API 1.0–1.2, default 1.2: the v0.4.4 daemon. */
  public static ApiProfile era() {
    return ERA;
  }

  /** API 1.24–1.50, default 1.50: today's daemon, for the docker CLI, docker-java, dockerode and docker-py. */
  public static ApiProfile modern() {
    return MODERN;
  }

  /** Both ranges; the default version is 1.50 unless {@link #withDefaultVersion(String) changed}. */
  public static ApiProfile all() {
    return ALL;
  }

  /** {@code era}, {@code modern} or {@code all} (any case), as the standalone's {@code --profile} takes it. */
  public static ApiProfile named(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "era":
        return ERA;
      case "modern":
        return MODERN;
      case "all":
        return ALL;
      default:
        throw new IllegalArgumentException("unknown profile " + name + " (era, modern or all)");
    }
  }

  /** This profile with another default version, which it must serve (e.g. {@code all().withDefaultVersion("1.2")}). */
  public ApiProfile withDefaultVersion(String version) {
    Objects.requireNonNull(version, "version");
    if (!serves(version)) {
      throw new IllegalArgumentException("the " + name + " profile does not serve API " + version);
    }
    return new ApiProfile(name, era, modern, version);
  }

  public String name() {
    return name;
  }

  public String defaultVersion() {
    return defaultVersion;
  }

  public boolean servesEra() {
    return era;
  }

  public boolean servesModern() {
    return modern;
  }

  /** Whether a version number is served by this profile. */
  public boolean serves(String version) {
    if (Profiles.isEraVersion(version)) {
      return era;
    }
    return modern && Profiles.compare(version, MODERN_MIN) >= 0 && Profiles.compare(version, MODERN_MAX) <= 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiProfile p && p.name.equals(name) && p.defaultVersion.equals(defaultVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, defaultVersion);
  }

  @Override
  public String toString() {
    return name + " (default API " + defaultVersion + ")";
  }
}
