package io.mockdocker.faults;

import io.mockdocker.internal.http.RequestVersion;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a match looks at in a request: method, path without its version prefix, the prefix, and the names. */
record RequestFacts(String method, String unversionedPath, String version, List<String> names) {
  private static final Pattern IMAGE_PATH =
      Pattern.compile("^/images/(.+?)(/json|/history|/push|/insert|/tag)?$");
  private static final Pattern CONTAINER_PATH = Pattern.compile("^/containers/([^/]+)(/.*)?$");
  private static final List<String> NOT_NAMES = List.of("create", "json", "search", "viz", "ps");

  static RequestFacts of(HttpServerExchange ex) {
    String version = RequestVersion.prefix(ex);
    String bare = RequestVersion.unversionedPath(ex);
    List<String> names = new ArrayList<>();
    Matcher image = IMAGE_PATH.matcher(bare);
    Matcher container = CONTAINER_PATH.matcher(bare);
    if (image.matches() && !NOT_NAMES.contains(image.group(1))) {
      names.add(image.group(1));
    } else if (container.matches() && !NOT_NAMES.contains(container.group(1))) {
      names.add(container.group(1));
    }
    Map<String, Deque<String>> query = ex.getQueryParameters();
    for (String key : List.of("fromImage", "name", "t")) {
      Deque<String> values = query.get(key);
      if (values != null && !values.isEmpty() && !values.getFirst().isEmpty()) {
        names.add(values.getFirst());
      }
    }
    return new RequestFacts(ex.getRequestMethod().toString(), bare, version, List.copyOf(names));
  }
}
