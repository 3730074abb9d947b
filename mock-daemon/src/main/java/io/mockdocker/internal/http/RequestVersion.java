package io.mockdocker.internal.http;

import io.mockdocker.ApiProfile;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Map;
import java.util.Objects;

/**
 * A request's {@code /vX.Y} prefix, parsed once and attached to the exchange: the prefix as written (or absent), the
 * view it selects under the daemon's {@link ApiProfile}, and that view's version row. Whether the view serves the
 * version is decided later, by {@link VersionGate}, and only for a routed request.
 */
public final class RequestVersion {
  private static final AttachmentKey<RequestVersion> KEY = AttachmentKey.create(RequestVersion.class);
  /** How many prefixes a daemon keeps resolved. */
  private static final int KNOWN_PREFIXES = 64;

  private final String prefix;
  private final boolean modern;
  private final ApiVersion era;
  private final ModernVersion modernRow;

  private RequestVersion(String prefix, boolean modern, ApiVersion era, ModernVersion modernRow) {
    this.prefix = prefix;
    this.modern = modern;
    this.era = era;
    this.modernRow = modernRow;
  }

  /** The one parse of the prefix: the digits and dots of {@code /vX.Y/…}, or {@code ""} when there is none. */
  static String prefixOf(String path) {
    // by hand, the same as ^/v([0-9.]+)(?=/): no shorter run of digits and dots can be followed by a slash
    if (path.length() < 4 || path.charAt(0) != '/' || path.charAt(1) != 'v') {
      return "";
    }
    int end = 2;
    while (end < path.length() && (path.charAt(end) == '.' || path.charAt(end) >= '0' && path.charAt(end) <= '9')) {
      end++;
    }
    return end > 2 && end < path.length() && path.charAt(end) == '/' ? path.substring(2, end) : "";
  }

  /** What {@code path} asks of a daemon serving {@code profile}. */
  static RequestVersion resolve(String path, ApiProfile profile) {
    return forPrefix(prefixOf(path), profile);
  }

  /** What a request with this prefix (or {@code ""}) asks of a daemon serving {@code profile}. */
  static RequestVersion forPrefix(String prefix, ApiProfile profile) {
    boolean present = !prefix.isEmpty();
    boolean modern = !profile.servesEra()
        || profile.servesModern() && !(present ? Profiles.isEraVersion(prefix) : Profiles.defaultIsEra(profile));
    if (modern) {
      String bare = Profiles.defaultIsEra(profile) ? ApiProfile.MODERN_MAX : profile.defaultVersion();
      return new RequestVersion(prefix, true, null, ModernVersion.of(present ? prefix : bare));
    }
    return new RequestVersion(prefix, false, present ? ApiVersion.forPrefix(prefix) : Profiles.eraDefault(profile), null);
  }

  /** The exchange's version, resolving and attaching it first if no outer handler did. */
  static RequestVersion attach(HttpServerExchange ex, ApiProfile profile) {
    return attach(ex, profile, null);
  }

  /**
   * As {@link #attach(HttpServerExchange, ApiProfile)}, taking the value for a prefix seen before from {@code known}
   * (the values are immutable and depend only on the prefix and the profile) and keeping new ones there while it is
   * small, so that a client trying many prefixes cannot grow it.
   */
  static RequestVersion attach(HttpServerExchange ex, ApiProfile profile, Map<String, RequestVersion> known) {
    RequestVersion version = ex.getAttachment(KEY);
    if (version == null) {
      String prefix = prefixOf(ex.getRequestPath());
      version = known == null ? null : known.get(prefix);
      if (version == null) {
        version = forPrefix(prefix, profile);
        if (known != null && known.size() < KNOWN_PREFIXES) {
          known.put(prefix, version);
        }
      }
      ex.putAttachment(KEY, version);
    }
    return version;
  }

  /** The version attached to a request (by the daemon's chain); fails when none was. */
  static RequestVersion of(HttpServerExchange ex) {
    return Objects.requireNonNull(ex.getAttachment(KEY), "no version resolved for this request");
  }

  /** Whether the modern view answers the request; false when no version was resolved for it. */
  public static boolean isModern(HttpServerExchange ex) {
    RequestVersion version = ex.getAttachment(KEY);
    return version != null && version.modern;
  }

  /** The prefix as written ({@code 1.41} of {@code /v1.41/info}), or {@code ""}: attached, or parsed here. */
  public static String prefix(HttpServerExchange ex) {
    RequestVersion version = ex.getAttachment(KEY);
    return version != null ? version.prefix : prefixOf(ex.getRequestPath());
  }

  /** The request path without its {@code /vX.Y} prefix. */
  public static String unversionedPath(HttpServerExchange ex) {
    String prefix = prefix(ex);
    return prefix.isEmpty() ? ex.getRequestPath() : ex.getRequestPath().substring(2 + prefix.length());
  }

  /** The prefix as written, or {@code ""}. */
  String prefix() {
    return prefix;
  }

  boolean modern() {
    return modern;
  }

  /** The era view's row; {@code null} when the era view refuses the prefix (0, above 1.2) or this is modern. */
  ApiVersion era() {
    return era;
  }

  /** The modern view's row (possibly outside the served range); {@code null} for the era view. */
  ModernVersion modernRow() {
    return modernRow;
  }

  @Override
  public String toString() {
    return (modern ? "modern " + modernRow : "era " + era) + (prefix.isEmpty() ? " (no prefix)" : "");
  }
}
