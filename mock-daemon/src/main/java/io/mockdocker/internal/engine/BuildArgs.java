package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The build arguments of one build, with the classic builder's scope rules: an ARG before the first FROM is a meta
 * argument, usable in FROM lines only; each stage starts with no allowed argument and declares the ones it uses
 * (a declaration without a default takes the meta argument's value). A {@code buildargs} value overrides a default;
 * a {@code null} one leaves the default. The proxy arguments are allowed without a declaration and, unless declared,
 * stay out of the image's history. A value is {@code null} when declared without one.
 */
final class BuildArgs {
  /** The predefined arguments: usable in RUN without ARG, never reported as unused. */
  static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  private final Map<String, String> fromOptions;
  private final Map<String, String> allowed = new HashMap<>();
  private final Map<String, String> meta = new HashMap<>();
  private final Set<String> referenced = new HashSet<>();

  /** {@code options}: the request's {@code buildargs}; a key mapped to {@code null} has no value. */
  BuildArgs(Map<String, String> options) {
    this.fromOptions = options;
  }

  /** A copy for a new stage: the meta arguments and what was referenced, no allowed argument. */
  BuildArgs forStage() {
    BuildArgs stage = new BuildArgs(fromOptions);
    stage.meta.putAll(meta);
    stage.referenced.addAll(referenced);
    return stage;
  }

  void mergeReferenced(BuildArgs other) {
    referenced.addAll(other.referenced);
  }

  void addMeta(String key, String value) {
    meta.put(key, value);
  }

  void add(String key, String value) {
    allowed.put(key, value);
    referenced.add(key);
  }

  /** The allowed arguments that have a value (the proxies included when the request gives them). */
  Map<String, String> allowed() {
    return values(allowed);
  }

  /** The meta arguments that have a value, for FROM. */
  Map<String, String> meta() {
    return values(meta);
  }

  private Map<String, String> values(Map<String, String> source) {
    Map<String, String> out = new TreeMap<>();
    Set<String> keys = new HashSet<>(source.keySet());
    keys.addAll(PREDEFINED);
    for (String key : keys) {
      boolean exists = source.containsKey(key);
      String value = source.get(key);
      if (fromOptions.containsKey(key) && fromOptions.get(key) != null) {
        out.put(key, fromOptions.get(key));
      } else if (value == null) {
        if (meta.get(key) != null) {
          out.put(key, meta.get(key));
        }
      } else if (exists) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** The allowed arguments as {@code K=V}, without those the environment already sets, sorted. */
  List<String> filterAllowed(List<String> env) {
    Set<String> set = new HashSet<>();
    if (env != null) {
      env.forEach(e -> set.add(e.split("=", 2)[0]));
    }
    List<String> out = new ArrayList<>();
    allowed().forEach((k, v) -> {
      if (!set.contains(k)) {
        out.add(k + "=" + v);
      }
    });
    return out;
  }

  /** Whether the argument shows in the history: anything but a proxy argument the Dockerfile did not declare. */
  boolean shownInHistory(String key) {
    return allowed.containsKey(key) || !PREDEFINED.contains(key);
  }

  /** The daemon's warning for request arguments no stage declared, or {@code null} when all were used. */
  String unusedWarning() {
    List<String> left = new ArrayList<>();
    for (String key : fromOptions.keySet()) {
      if (!PREDEFINED.contains(key) && !referenced.contains(key)) {
        left.add(key);
      }
    }
    if (left.isEmpty()) {
      return null;
    }
    left.sort(null);
    return "[Warning] One or more build-args [" + String.join(" ", left) + "] were not consumed\n";
  }
}
