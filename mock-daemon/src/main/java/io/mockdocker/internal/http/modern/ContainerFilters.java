package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.ModernNames;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The container list's filters: {@code status}, {@code label}, {@code name}, {@code id}, {@code ancestor},
 * {@code health}.
 */
final class ContainerFilters {
  private final ModernFilters filters;
  private final Engine engine;

  private ContainerFilters(ModernFilters filters, Engine engine) {
    this.filters = filters;
    this.engine = engine;
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

  boolean mentions(String key) {
    return filters.mentions(key);
  }

  boolean matches(Container c) {
    return filters.any("status", s -> s.equals(c.state().status()))
        && filters.any("id", id -> c.id().startsWith(id))
        && filters.any("name", n -> nameMatches(n, c.name()))
        && filters.any("ancestor", a -> ancestor(a, c))
        && filters.any("health", h -> h.equals(ModernHealthJson.filterWord(c.health())))
        && filters.labels(c.config().labels());
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
