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
