package io.mockdocker.internal.http;

/**
 * An addition for modern clients: the docker CLI of today qualifies names ({@code docker.io/library/busybox}); the
 * era's daemon knew only {@code busybox}. Pull's {@code fromImage} and tag's {@code repo} drop these prefixes.
 */
public final class ModernNames {
  private static final String[] PREFIXES = {"docker.io/library/", "index.docker.io/library/", "docker.io/",
      "index.docker.io/"};

  private ModernNames() {}

  public static String repository(String name) {
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }
}
