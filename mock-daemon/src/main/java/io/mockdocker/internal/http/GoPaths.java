package io.mockdocker.internal.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** gorilla/mux's cleanPath over Go's path.Clean. */
final class GoPaths {
  private GoPaths() {}

  /** The cleaned path, keeping a trailing slash; the daemon redirected any path this changes. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return "/";
    }
    if (p.charAt(0) != '/') {
      p = "/" + p;
    }
    String np = pathClean(p);
    if (p.endsWith("/") && !np.equals("/")) {
      np += "/";
    }
    return np;
  }

  /**
   * Whether {@link #clean} leaves {@code p} as it is, told without building anything: rooted, and no empty,
   * {@code .} or {@code ..} segment but the one a trailing slash ends with.
   */
  static boolean isClean(String p) {
    if (p.isEmpty() || p.charAt(0) != '/') {
      return false;
    }
    int start = 1;
    while (start < p.length()) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = p.length();
      }
      int length = end - start;
      if (length == 0 || length == 1 && p.charAt(start) == '.'
          || length == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  /** Go's path.Clean for a rooted path. */
  static String pathClean(String p) {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
        continue;
      }
      parts.addLast(segment);
    }
    return "/" + String.join("/", parts);
  }
}
