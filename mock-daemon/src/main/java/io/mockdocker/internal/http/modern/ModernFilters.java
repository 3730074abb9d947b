package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.GoJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code filters} query of list and events: JSON mapping each key to its accepted values, either as
 * {@code {"value":true}} or as the older {@code ["value"]}.
 */
final class ModernFilters {
  private final Map<String, List<String>> values;

  private ModernFilters(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * How one endpoint group's daemon code read the query: the text of its error for JSON that does not parse, and
   * whether a bare value ({@code {"k":"v"}}) counts as one value or as none.
   */
  record Reading(Function<JsonProcessingException, String> invalidJson, boolean bareValues) {}

  /** Container list and events. */
  static final Reading LISTS = new Reading(e -> "invalid filter", true);
  /** Image list and search. */
  static final Reading IMAGES = new Reading(e -> "invalid filter", false);

  static ModernFilters parse(String json) {
    return parse(json, LISTS);
  }

  static ModernFilters parse(String json, Reading reading) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (json.isEmpty()) {
      return new ModernFilters(values);
    }
    JsonNode root;
    try {
      root = GoJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, reading.invalidJson().apply(e));
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
      } else if (reading.bareValues()) {
        list.add(v.asText());
      }
      values.put(e.getKey(), list);
    });
    return new ModernFilters(values);
  }

  /** A shell glob as a pattern ({@code *} within a path component, {@code ?} one character). */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  java.util.Set<String> keys() {
    return values.keySet();
  }

  /** Refuses a key outside {@code accepted} as the daemon's filter validation did: 400 {@code invalid filter 'k'}. */
  ModernFilters only(java.util.Set<String> accepted) {
    for (String key : values.keySet()) {
      if (!accepted.contains(key)) {
        throw new ApiError(400, "invalid filter '" + key + "'");
      }
    }
    return this;
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
    return accepted == null || allHold(accepted, labels);
  }

  /**
   * {@code label!=key} or {@code label!=key=value} as prunes read it: a candidate is refused only when every one of
   * these values holds for its labels.
   */
  boolean notLabels(Map<String, String> labels) {
    List<String> refused = values.get("label!");
    return refused == null || !allHold(refused, labels);
  }

  private static boolean allHold(List<String> wanted, Map<String, String> labels) {
    for (String want : wanted) { // every label filter must hold
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
