package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dockerfile-style {@code changes} applied to a run config, as import (and commit) take them: {@code CMD},
 * {@code ENTRYPOINT}, {@code ENV}, {@code EXPOSE}, {@code LABEL}, {@code USER}, {@code VOLUME}, {@code WORKDIR};
 * {@code HEALTHCHECK}, {@code ONBUILD} and {@code STOPSIGNAL} are accepted and not modelled. Any other instruction is
 * the daemon's {@code <instruction> is not a valid change command}.
 */
public final class ConfigChanges {
  private static final Set<String> ACCEPTED = Set.of("cmd", "entrypoint", "env", "expose", "healthcheck", "label",
      "onbuild", "stopsignal", "user", "volume", "workdir");

  private ConfigChanges() {}

  /** {@code base} with each change applied in order; blank lines and comments are skipped. */
  public static Config apply(Config base, List<String> changes) {
    Config.Builder b = base.toBuilder();
    List<String> env = base.env() == null ? new ArrayList<>() : new ArrayList<>(base.env());
    List<String> ports = base.portSpecs() == null ? new ArrayList<>() : new ArrayList<>(base.portSpecs());
    List<String> volumes = base.volumes() == null ? new ArrayList<>() : new ArrayList<>(base.volumes());
    Map<String, String> labels = base.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.labels());
    String workingDir = base.workingDir();
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String instruction = parts[0].toLowerCase(Locale.ROOT);
      String args = parts.length > 1 ? parts[1].strip() : "";
      if (!ACCEPTED.contains(instruction)) {
        throw new DockerException(instruction + " is not a valid change command");
      }
      switch (instruction) {
        case "cmd" -> b.cmd(Dockerfiles.execOrShell(args));
        case "entrypoint" -> b.entrypoint(Dockerfiles.execOrShell(args));
        case "env" -> pairs(instruction, args).forEach((k, v) -> {
          env.removeIf(e -> e.startsWith(k + "="));
          env.add(k + "=" + v);
        });
        case "label" -> labels.putAll(pairs(instruction, args));
        case "expose" -> {
          for (String port : args.split("\\s+")) {
            String spec = port.contains("/") ? port : port + "/tcp";
            if (!ports.contains(spec)) {
              ports.add(spec);
            }
          }
        }
        case "user" -> b.user(args);
        case "volume" -> volumes.addAll(Dockerfiles.parseList(args));
        case "workdir" -> workingDir = args.startsWith("/") ? args
            : (workingDir.isEmpty() ? "/" : workingDir.endsWith("/") ? workingDir : workingDir + "/") + args;
        default -> { } // healthcheck, onbuild, stopsignal: accepted, not modelled
      }
    }
    return b.env(env.isEmpty() ? base.env() : env).portSpecs(ports.isEmpty() ? base.portSpecs() : ports)
        .volumes(volumes.isEmpty() ? base.volumes() : volumes).labels(labels.isEmpty() ? base.labels() : labels)
        .workingDir(workingDir).build();
  }

  /** {@code k=v k2="v 2"}, or the legacy {@code k v} form; a missing value is the daemon's error. */
  private static Map<String, String> pairs(String instruction, String args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!args.contains("=")) {
      String[] kv = args.split("\\s+", 2);
      if (kv.length < 2 || kv[0].isEmpty()) {
        throw new DockerException(instruction.toUpperCase(Locale.ROOT) + " must have two arguments");
      }
      out.put(kv[0], kv[1]);
      return out;
    }
    int i = 0;
    while (i < args.length()) {
      while (i < args.length() && Character.isWhitespace(args.charAt(i))) {
        i++;
      }
      int eq = args.indexOf('=', i);
      if (i >= args.length()) {
        break;
      }
      if (eq < 0) {
        throw new DockerException("Syntax error - can't find = in \"" + args.substring(i).split("\\s+")[0]
            + "\". Must be of the form: name=value");
      }
      String key = args.substring(i, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 1;
      char quote = 0;
      for (; j < args.length(); j++) {
        char c = args.charAt(j);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else {
            value.append(c);
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (Character.isWhitespace(c)) {
          break;
        } else {
          value.append(c);
        }
      }
      out.put(key, value.toString());
      i = j;
    }
    return out;
  }
}
