package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import io.mockdocker.registry.Healthcheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Dockerfile instructions that only change an image's config (ENV, LABEL, CMD, ENTRYPOINT, EXPOSE, USER, VOLUME,
 * WORKDIR, ONBUILD, SHELL), shared by the classic builder and by the {@code changes} of commit and import, as the
 * daemon shares them: {@link #applyChanges} runs change lines through the same code a build step runs.
 *
 * <p>A new config instruction (STOPSIGNAL, HEALTHCHECK) is one case in {@link #apply} (and {@link #check} for what
 * the parser refuses) plus its keyword in {@code ClassicDockerfile}'s list; commit and import changes then take it too.
 */
public final class ConfigInstructions {
  /** The instructions a commit or import accepts as changes. */
  static final Set<String> CHANGES = Set.of("cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild",
      "stopsignal", "user", "volume", "workdir");

  private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\w+))?");

  private ConfigInstructions() {}

  /** A config being changed instruction by instruction; {@code cmdSet} when a CMD with a command ran. */
  static final class State {
    Config config;
    boolean cmdSet;

    State(Config config) {
      this.config = config == null ? Config.empty() : config;
    }
  }

  /**
   * A config with the change lines ({@code ENV A=b}, {@code CMD ["sh"]}, …) applied in order, variables substituted
   * from the config's own environment, as {@code POST /commit?changes=…} and {@code POST /images/create?fromSrc=…
   * &changes=…} do. An instruction that is not a config change is an {@link InvalidInstruction}
   * ({@code RUN is not a valid change command}), as is a malformed one.
   */
  public static Config applyChanges(Config config, List<String> changes) {
    if (changes == null || changes.isEmpty()) {
      return config;
    }
    List<DockerfileLine> lines = new ArrayList<>();
    for (String line : Dockerfiles.lines(String.join("\n", changes), true)) {
      DockerfileLine parsed = DockerfileLine.parse(line);
      if (!CHANGES.contains(parsed.name())) {
        throw new InvalidInstruction(parsed.keyword() + " is not a valid change command");
      }
      lines.add(parsed);
    }
    State state = new State(config);
    for (DockerfileLine line : lines) {
      try {
        if (!line.name().equals("healthcheck")) { // HEALTHCHECK reads its own flags
          line.flags(Set.of());
        }
        if (apply(state, line, envMap(state.config.env())) == null) {
          throw new InvalidInstruction(line.keyword() + " is not a valid change command");
        }
      } catch (InvalidInstruction e) {
        throw e;
      } catch (DockerException e) {
        throw new InvalidInstruction(e.getMessage());
      }
    }
    return state.config;
  }

  /**
   * What the parser refuses in a config instruction before anything runs: flags (none are known), missing
   * arguments, ENV's and LABEL's pairs, SHELL without JSON, ONBUILD chains, arrays of non-strings.
   */
  static void check(DockerfileLine line) {
    if (line.name().equals("healthcheck")) { // its own flags, parsed before the first step as the daemon did
      healthcheck(line);
      return;
    }
    line.flags(Set.of());
    String rest = line.rest();
    switch (line.name()) {
      case "env", "label" -> DockerfileLine.nameValues(rest, line.name().toUpperCase(java.util.Locale.ROOT));
      case "cmd", "entrypoint" -> DockerfileLine.jsonArray(rest);
      case "user", "workdir", "stopsignal" -> exactlyOne(rest, line.name().toUpperCase(java.util.Locale.ROOT));
      case "expose", "volume" -> {
        DockerfileLine.jsonArray(rest);
        requireArguments(rest, line.name().toUpperCase(java.util.Locale.ROOT));
      }
      case "shell" -> shellOf(rest);
      case "onbuild" -> onBuildTrigger(rest);
      default -> {
        // nothing to check before it runs
      }
    }
  }

  /** {@code K=V} strings as a map (a later key wins). */
  static Map<String, String> envMap(List<String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    if (env != null) {
      for (String e : env) {
        String[] kv = e.split("=", 2);
        out.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }

  /**
   * Applies one config instruction to {@code state}, substituting from {@code env} where the instruction does.
   * Returns the history comment the builder commits with, or {@code null} when {@code line} is not a config
   * instruction (RUN, COPY, FROM, ARG, … are the builder's own).
   */
  static String apply(State state, DockerfileLine line, Map<String, String> env) {
    Config c = state.config;
    String rest = line.rest();
    switch (line.name()) {
      case "env" -> {
        List<String> vars = c.env() == null ? new ArrayList<>() : new ArrayList<>(c.env());
        StringBuilder comment = new StringBuilder("ENV");
        for (String[] kv : DockerfileLine.nameValues(rest, "ENV")) {
          String key = ShellLex.processWord(kv[0], env);
          String entry = key + "=" + ShellLex.processWord(kv[1], env);
          comment.append(' ').append(entry);
          int at = indexOfKey(vars, key);
          if (at >= 0) {
            vars.set(at, entry);
          } else {
            vars.add(entry);
          }
        }
        state.config = c.toBuilder().env(vars).build();
        return comment.toString();
      }
      case "label" -> {
        Map<String, String> labels = c.labels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(c.labels());
        StringBuilder comment = new StringBuilder("LABEL");
        for (String[] kv : DockerfileLine.nameValues(rest, "LABEL")) {
          String key = ShellLex.processWord(kv[0], env);
          String value = ShellLex.processWord(kv[1], env);
          labels.put(key, value);
          comment.append(' ').append(key).append('=').append(value);
        }
        state.config = c.toBuilder().labels(labels).build();
        return comment.toString();
      }
      case "cmd" -> {
        List<String> cmd = commandLine(c, rest, false);
        state.config = c.toBuilder().cmd(cmd).build();
        if (!cmd.isEmpty()) {
          state.cmdSet = true;
        }
        return "CMD " + goQuoted(cmd);
      }
      case "entrypoint" -> {
        List<String> entrypoint = commandLine(c, rest, true);
        Config.Builder b = c.toBuilder().entrypoint(entrypoint);
        if (!state.cmdSet) {
          b.cmd((List<String>) null); // an inherited CMD no longer applies
        }
        state.config = b.build();
        return "ENTRYPOINT " + goQuoted(entrypoint == null ? List.of() : entrypoint);
      }
      case "expose" -> {
        requireArguments(rest, "EXPOSE");
        List<String> words = new ArrayList<>(List.of(rest.split("\\s+")));
        words.sort(null); // the parser sorts the words as written, then each is substituted
        List<String> ports = new ArrayList<>();
        for (String word : words) {
          ports.addAll(ShellLex.processWords(word, env));
        }
        Set<String> specs = new LinkedHashSet<>(c.portSpecs() == null ? List.of() : c.portSpecs());
        for (String port : ports) {
          specs.addAll(portSpecs(port));
        }
        state.config = c.toBuilder().portSpecs(new ArrayList<>(specs)).build();
        return "EXPOSE " + String.join(" ", ports);
      }
      case "user" -> {
        String user = ShellLex.processWord(exactlyOne(rest, "USER"), env);
        state.config = c.toBuilder().user(user).build();
        return "USER " + user;
      }
      case "volume" -> {
        List<String> volumes = c.volumes() == null ? new ArrayList<>() : new ArrayList<>(c.volumes());
        List<String> added = new ArrayList<>();
        for (String v : DockerfileLine.jsonOrWords(rest)) {
          String path = ShellLex.processWord(v.strip(), env);
          if (path.isEmpty()) {
            throw new InvalidInstruction("VOLUME specified can not be an empty string");
          }
          added.add(path);
        }
        if (added.isEmpty()) {
          throw new InvalidInstruction("VOLUME requires at least one argument");
        }
        volumes.addAll(added);
        state.config = c.toBuilder().volumes(volumes).build();
        return "VOLUME " + Dockerfiles.goList(added);
      }
      case "workdir" -> {
        String requested = ShellLex.processWord(exactlyOne(rest, "WORKDIR"), env);
        if (requested.isEmpty()) {
          throw new InvalidInstruction("cannot normalize nothing");
        }
        String dir = requested.startsWith("/") ? requested
            : java.nio.file.Path.of("/", c.workingDir(), requested).normalize().toString();
        state.config = c.toBuilder().workingDir(dir).build();
        return "WORKDIR " + dir;
      }
      case "onbuild" -> {
        onBuildTrigger(rest);
        String expression = line.original().replaceFirst("(?i)^\\s*ONBUILD\\s*", "");
        List<String> triggers = c.onBuild() == null ? new ArrayList<>() : new ArrayList<>(c.onBuild());
        triggers.add(expression);
        state.config = c.toBuilder().onBuild(triggers).build();
        return "ONBUILD " + expression;
      }
      case "healthcheck" -> {
        Healthcheck check = healthcheck(line);
        state.config = c.toBuilder().healthcheck(check).build();
        return HealthcheckInstruction.comment(check);
      }
      case "stopsignal" -> {
        String signal = ShellLex.processWord(exactlyOne(rest, "STOPSIGNAL"), env);
        if (io.mockdocker.internal.shell.Signals.parse(signal) < 0) {
          throw new DockerException("invalid signal: " + signal);
        }
        state.config = c.toBuilder().stopSignal(signal).build();
        return "STOPSIGNAL " + signal;
      }
      case "shell" -> {
        List<String> shell = shellOf(rest);
        state.config = c.toBuilder().shell(shell).build();
        return "SHELL " + Dockerfiles.goList(shell);
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * RUN's, CMD's and ENTRYPOINT's command: the JSON array as given, or the shell form, the config's SHELL (or
   * {@code /bin/sh -c}) followed by the line. An empty ENTRYPOINT ({@code emptyAsNull}) is {@code null}.
   */
  static List<String> commandLine(Config c, String rest, boolean emptyAsNull) {
    List<String> array = DockerfileLine.jsonArray(rest);
    if (array == null && rest.isEmpty()) {
      array = List.of();
    }
    if (array != null) {
      return array.isEmpty() && emptyAsNull ? null : array;
    }
    List<String> cmd = new ArrayList<>(shell(c));
    cmd.add(rest);
    return cmd;
  }

  /** The shell of shell-form commands: the config's SHELL, or {@code /bin/sh -c}. */
  static List<String> shell(Config c) {
    return c.shell() == null || c.shell().isEmpty() ? List.of("/bin/sh", "-c") : c.shell();
  }

  /** Go's {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
  static String goQuoted(List<String> list) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append('"').append(list.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
          .replace("\t", "\\t")).append('"');
    }
    return out.append(']').toString();
  }

  private static int indexOfKey(List<String> env, String key) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).split("=", 2)[0].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** EXPOSE's port (a range is every port in it) as {@code port/proto}. */
  private static List<String> portSpecs(String port) {
    var m = PORT.matcher(port);
    if (!m.matches()) {
      throw new DockerException("invalid containerPort: " + port.split("/", 2)[0]);
    }
    String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(java.util.Locale.ROOT);
    int start = Integer.parseInt(m.group(1));
    int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
    if (end < start) {
      throw new DockerException("invalid range specified for container port: " + port);
    }
    List<String> out = new ArrayList<>();
    for (int p = start; p <= end; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  /** HEALTHCHECK's options and command, the parser's errors as instruction errors. */
  private static Healthcheck healthcheck(DockerfileLine line) {
    try {
      return HealthcheckInstruction.parse(line.original().replaceFirst("(?i)^\\s*HEALTHCHECK", ""));
    } catch (InvalidInstruction e) {
      throw e;
    } catch (DockerException e) {
      throw new InvalidInstruction(e.getMessage());
    }
  }

  private static List<String> shellOf(String rest) {
    List<String> shell = DockerfileLine.jsonArray(rest);
    if (shell == null && !rest.isEmpty()) {
      throw new InvalidInstruction("SHELL requires the arguments to be in JSON form");
    }
    if (shell == null || shell.isEmpty()) {
      throw new InvalidInstruction("SHELL requires at least one argument");
    }
    return shell;
  }

  private static void onBuildTrigger(String rest) {
    requireArguments(rest, "ONBUILD");
    String trigger = rest.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw new InvalidInstruction("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw new InvalidInstruction(trigger + " isn't allowed as an ONBUILD trigger");
    }
  }

  private static void requireArguments(String rest, String keyword) {
    if (rest.isEmpty()) {
      throw new InvalidInstruction(keyword + " requires at least one argument");
    }
  }

  private static String exactlyOne(String rest, String keyword) {
    if (rest.isEmpty()) {
      throw new InvalidInstruction(keyword + " requires exactly one argument");
    }
    return rest;
  }
}
