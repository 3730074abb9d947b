package io.mockdocker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filters} query of list and events: JSON mapping each key to its accepted values, either as
 * {@code {"value":true}} or as the older {@code ["value"]}.
 */
final class ModernFilters {
  private final Map<String, List<String>> values;

  private ModernFilters(Map<String, List<String>> values) {
    this.values = values;
  }

  static ModernFilters parse(String json) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (json.isEmpty()) {
      return new ModernFilters(values);
    }
    JsonNode root;
    try {
      root = GoJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "invalid filter: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ApiError(400, "invalid filter");
    }
    root.fields().forEachRemaining(e -> {
      List<String> list = new ArrayList<>();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        v.fields().forEachRemaining(f -> {
          if (f.getValue().asBoolean()) {
            list.add(f.getKey());
          }
        });
      } else if (v.isArray()) {
        v.forEach(item -> list.add(item.asText()));
      } else {
        list.add(v.asText());
      }
      values.put(e.getKey(), list);
    });
    return new ModernFilters(values);
  }

  boolean mentions(String key) {
    return values.containsKey(key);
  }

  /** The values of a key; empty when the key is absent. */
  List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  /** Whether a key is absent or one of its values passes {@code test}. */
  boolean any(String key, java.util.function.Predicate<String> test) {
    List<String> accepted = values.get(key);
    return accepted == null || accepted.stream().anyMatch(test);
  }

  /** {@code label=key} or {@code label=key=value} against a label map. */
  boolean labels(Map<String, String> labels) {
    List<String> accepted = values.get("label");
    if (accepted == null) {
      return true;
    }
    for (String want : accepted) { // every label filter must hold
      int eq = want.indexOf('=');
      String key = eq < 0 ? want : want.substring(0, eq);
      String value = labels == null ? null : labels.get(key);
      if (value == null || eq >= 0 && !value.equals(want.substring(eq + 1))) {
        return false;
      }
    }
    return true;
  }
}
