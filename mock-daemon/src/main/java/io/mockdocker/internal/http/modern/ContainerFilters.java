package io.mockdocker.internal.http.modern;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.ModernNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The container list's filters: {@code status}, {@code label}, {@code name}, {@code id}, {@code ancestor},
 * {@code health}, and {@code publish} (a host port) and {@code expose} (a container port), either of which lets a
 * container through.
 */
final class ContainerFilters {
  private final ModernFilters filters;
  private final Engine engine;
  private final Set<String> publish;
  private final Set<String> expose;

  private ContainerFilters(ModernFilters filters, Engine engine) {
    this.filters = filters;
    this.engine = engine;
    this.publish = ports(filters, "publish");
    this.expose = ports(filters, "expose");
  }

  static ContainerFilters parse(String json, Engine engine) {
    ModernFilters filters = ModernFilters.parse(json);
    for (String value : filters.get("health")) {
      if (!List.of("none", "starting", "healthy", "unhealthy").contains(value)) {
        throw new ApiError(400, "invalid filter 'health=" + value + "': invalid value for health (" + value
            + "): must be one of none, starting, healthy, unhealthy");
      }
    }
    return new ContainerFilters(filters, engine);
  }

  /**
   * A port filter's values as the daemon read them: {@code 80}, {@code 80/udp} or a range {@code 8000-8100/tcp}, each
   * port of a range a {@code number/protocol} key (the protocol defaults to tcp and is not checked); a value with a
   * colon or a number that does not parse fails the list with a plain (500) error.
   */
  private static Set<String> ports(ModernFilters filters, String key) {
    Set<String> ports = new HashSet<>();
    for (String value : filters.get(key)) {
      if (value.contains(":")) {
        throw new ApiError(500, "filter for '" + key + "' should not contain ':': " + value);
      }
      String[] parts = value.split("/", -1);
      String proto = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "tcp";
      String range = parts[0];
      try {
        if (range.isEmpty()) {
          throw new IllegalArgumentException("empty string specified for ports");
        }
        int dash = range.indexOf('-');
        int start = parseUint16(dash < 0 ? range : range.substring(0, dash));
        int end = dash < 0 ? start : parseUint16(range.substring(dash + 1).split("-", -1)[0]);
        if (end < start) {
          throw new IllegalArgumentException("invalid range specified for port: " + range);
        }
        for (int p = start; p <= end; p++) {
          ports.add(p + "/" + proto);
        }
      } catch (IllegalArgumentException e) {
        throw new ApiError(500, "error while looking up for " + key + " " + value + ": " + e.getMessage());
      }
    }
    return ports;
  }

  /** A port number as Go's {@code strconv.ParseUint(s, 10, 16)} read it, with its error texts. */
  private static int parseUint16(String s) {
    if (s.isEmpty() || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
    }
    String digits = s.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + s + "\": value out of range");
    }
    return Integer.parseInt(digits);
  }

  boolean mentions(String key) {
    return filters.mentions(key);
  }

  boolean matches(Container c) {
    return filters.any("status", s -> s.equals(c.state().status()))
        && filters.any("id", id -> c.id().startsWith(id))
        && filters.any("name", n -> nameMatches(n, c.name()))
        && filters.any("ancestor", a -> ancestor(a, c))
        && filters.any("health", h -> h.equals(ModernHealthJson.filterWord(c.health())))
        && filters.labels(c.config().labels())
        && ports(c);
  }

  /** Whether a row of the list's {@code Ports} has a published host port or a container port the filters name. */
  private boolean ports(Container c) {
    if (publish.isEmpty() && expose.isEmpty()) {
      return true;
    }
    if (c.ports() == null) {
      return false;
    }
    for (JsonNode row : ModernPorts.summary(c)) {
      String type = "/" + row.path("Type").asText();
      if (publish.contains(row.path("PublicPort").asInt(0) + type)
          || expose.contains(row.path("PrivatePort").asInt(0) + type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameMatches(String pattern, String name) {
    try {
      return Pattern.compile(pattern).matcher("/" + name).find();
    } catch (PatternSyntaxException e) {
      return ("/" + name).contains(pattern);
    }
  }

  private boolean ancestor(String ref, Container c) {
    if (ref.equals(c.config().image()) || c.image().startsWith(ref.replace("sha256:", ""))) {
      return true;
    }
    Image image = engine.findImage(ModernNames.repository(ref)).orElse(null);
    return image != null && image.id().equals(c.image());
  }
}
