package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code POST /build} with today's classic builder ({@code DOCKER_BUILDKIT=0}): stages ({@code FROM … AS name},
 * {@code COPY --from}, the {@code target}), build arguments with their scopes, variables substituted as the
 * daemon's shell lexer does, SHELL, ONBUILD triggers, and the config instructions of {@link ConfigInstructions}.
 * Each step runs in a container (removed when asked), commits an image that stays as an untagged layer, and asks
 * the cache first. Returns the last stage's image ID; a failure is thrown for the view to report.
 */
final class ClassicBuild {
  /** The instructions the classic builder knows (a line with any other fails the build before it starts). */
  private static final Set<String> INSTRUCTIONS = Set.of("from", "maintainer", "run", "add", "copy", "arg", "env",
      "label", "cmd", "entrypoint", "expose", "user", "volume", "workdir", "onbuild", "shell", "healthcheck",
      "stopsignal");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String BUILDKIT_ONLY =
      " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with "
          + "BuildKit enabled";

  private final Images images;
  private final StateLock lock;
  private final LayerStaging layers;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final Transfers transfers;
  private final BuildOutput out;
  private final Path context;
  private final BuildRequest request;

  /** What the stages built so far left: their names (lower case, or {@code null}) and image IDs. */
  private final List<String> stageNames = new ArrayList<>();
  private final List<String> stageImages = new ArrayList<>();
  /** The IDs of the {@code cachefrom} images found (the names that resolve to nothing are skipped). */
  private final List<String> cacheSources = new ArrayList<>();

  // the current stage
  private String image = "";
  private String maintainer = "";
  private ConfigInstructions.State state = new ConfigInstructions.State(null);
  private BuildArgs args;

  private record Stage(DockerfileLine from, String baseName, String name, List<DockerfileLine> commands) {}

  ClassicBuild(Images images, StateLock lock, LayerStaging layers, ContainerStore store, ContainerRuntime runtime,
      Transfers transfers, BuildOutput out, Path context, BuildRequest request) {
    this.images = images;
    this.lock = lock;
    this.layers = layers;
    this.store = store;
    this.runtime = runtime;
    this.transfers = transfers;
    this.out = out;
    this.context = context;
    this.request = request;
  }

  String build(String dockerfile) {
    List<DockerfileLine> metaArgs = new ArrayList<>();
    List<Stage> stages = parse(dockerfile, metaArgs);
    if (!request.target().isEmpty()) {
      int target = -1;
      for (int i = 0; i < stages.size() && target < 0; i++) {
        if (request.target().equalsIgnoreCase(stages.get(i).name())) {
          target = i;
        }
      }
      if (target < 0) {
        throw new InvalidInstruction("target stage \"" + request.target() + "\" could not be found");
      }
      stages = new ArrayList<>(stages.subList(0, target + 1));
    }
    if (!stages.isEmpty()) { // --label values: one LABEL each, sorted, on the last stage, not substituted
      List<DockerfileLine> last = stages.get(stages.size() - 1).commands();
      new TreeMap<>(request.labels()).forEach((k, v) -> last.add(new DockerfileLine("LABEL", List.of(),
          literal(k) + "=" + literal(v), "LABEL " + k + "=" + v)));
    }
    for (String source : request.cacheFrom()) {
      images.find(source).ifPresent(i -> cacheSources.add(i.id()));
    }
    int total = metaArgs.size() + stages.size() + stages.stream().mapToInt(s -> s.commands().size()).sum();
    int step = 0;
    BuildArgs base = new BuildArgs(request.buildArgs());
    for (DockerfileLine meta : metaArgs) {
      printStep(++step, total, meta);
      for (String[] kv : argPairs(meta, base.allowed())) {
        base.add(kv[0], kv[1]);
        base.addMeta(kv[0], kv[1]);
      }
    }
    for (Stage stage : stages) {
      if (stage.name() != null && stageNames.contains(stage.name())) {
        throw new DockerException(stage.name() + " stage name already used");
      }
      args = base.forStage();
      printStep(++step, total, stage.from());
      from(stage);
      out.stepResult(image);
      for (DockerfileLine line : stage.commands()) {
        printStep(++step, total, line);
        dispatch(line);
        out.stepResult(image);
      }
      out.stageBuilt(image);
      base.mergeReferenced(args);
      stageNames.add(stage.name());
      stageImages.add(image);
    }
    if (image.isEmpty()) {
      throw new DockerException("No image was generated. Is your Dockerfile empty?");
    }
    String warning = base.unusedWarning();
    if (warning != null) {
      out.write(warning);
    }
    out.built(image);
    return image;
  }

  /** The Dockerfile's meta ARGs (before the first FROM) and its stages; a malformed line fails the build. */
  private static List<Stage> parse(String dockerfile, List<DockerfileLine> metaArgs) {
    List<Stage> stages = new ArrayList<>();
    for (Dockerfiles.Numbered numbered : Dockerfiles.numbered(dockerfile)) {
      int number = numbered.number();
      DockerfileLine line = DockerfileLine.parse(numbered.text());
      try {
        if (!INSTRUCTIONS.contains(line.name())) {
          throw new InvalidInstruction(unknown(line.keyword()));
        }
        if (line.name().equals("from")) {
          stages.add(stage(line));
        } else if (stages.isEmpty() && line.name().equals("arg")) {
          check(line);
          metaArgs.add(line);
        } else if (stages.isEmpty()) {
          throw new InvalidInstruction("no build stage in current context");
        } else {
          check(line);
          stages.get(stages.size() - 1).commands().add(line);
        }
      } catch (InvalidInstruction e) {
        throw new InvalidInstruction("dockerfile parse error on line " + number + ": " + e.getMessage());
      }
    }
    return stages;
  }

  /** The parser's text for an unknown keyword, with its suggestion when a known one is within two edits. */
  private static String unknown(String keyword) {
    String lower = keyword.toLowerCase(Locale.ROOT);
    String match = null;
    int best = 3;
    for (String known : KNOWN_TO_THE_PARSER) {
      int distance = levenshtein(lower, known);
      if (distance < best) {
        best = distance;
        match = known;
      }
    }
    String message = "unknown instruction: " + keyword;
    if (match == null) {
      return message;
    }
    return message + " (did you mean " + (keyword.equals(keyword.toUpperCase(Locale.ROOT))
        ? match.toUpperCase(Locale.ROOT) : match) + "?)";
  }

  /** Every keyword today's parser knows, in its order (the suggestion is the first closest one). */
  private static final List<String> KNOWN_TO_THE_PARSER = List.of("add", "arg", "cmd", "copy", "entrypoint", "env",
      "expose", "from", "healthcheck", "label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user",
      "volume", "workdir");

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** What the parser refuses in a line before anything runs (flags, argument counts, forms). */
  private static void check(DockerfileLine line) {
    switch (line.name()) {
      case "run" -> {
        line.flags(Set.of("mount", "network", "security"));
        DockerfileLine.jsonArray(line.rest());
      }
      case "add", "copy" -> {
        line.flags(line.name().equals("add") ? Set.of("chown", "chmod", "link", "keep-git-dir", "checksum")
            : Set.of("chown", "chmod", "link", "from"));
        if (DockerfileLine.jsonOrWords(line.rest()).size() < 2) {
          throw new InvalidInstruction(line.name().toUpperCase(Locale.ROOT) + " requires at least two arguments, "
              + "but only one was provided. Destination could not be determined");
        }
      }
      case "arg" -> {
        List<String> words = DockerfileLine.words(line.rest());
        if (words.isEmpty()) {
          throw new InvalidInstruction("ARG requires at least one argument");
        }
        if (words.stream().anyMatch(w -> w.startsWith("="))) {
          throw new InvalidInstruction("ARG names can not be blank");
        }
      }
      case "maintainer" -> {
        if (line.rest().isEmpty()) {
          throw new InvalidInstruction("MAINTAINER requires exactly one argument");
        }
      }
      default -> ConfigInstructions.check(line);
    }
  }

  private static Stage stage(DockerfileLine line) {
    line.flags(Set.of("platform"));
    String[] words = line.rest().isEmpty() ? new String[0] : line.rest().split("\\s+");
    String name = null;
    if (words.length == 3 && words[1].equalsIgnoreCase("as")) {
      name = words[2].toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw new InvalidInstruction("invalid name for build stage: \"" + words[2]
            + "\", name can't start with a number or contain symbols");
      }
    } else if (words.length != 1) {
      throw new InvalidInstruction("FROM requires either one or three arguments");
    }
    return new Stage(line, words[0], name, new ArrayList<>());
  }

  private void printStep(int number, int total, DockerfileLine line) {
    out.step(number, total, line.keyword().toUpperCase(Locale.ROOT), line.rest(), line.original());
    transfers.step(new Transfer(TransferKind.BUILD, "", "", number, 0));
  }

  /** A word that the lexer reads back as exactly {@code s}. */
  private static String literal(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  // ---------------------------------------------------------------- FROM and ONBUILD

  private void from(Stage stage) {
    String name = ShellLex.processWord(stage.baseName(), args.meta());
    if (name.isEmpty()) {
      throw new DockerException("base name (" + stage.baseName() + ") should not be blank");
    }
    int earlier = stageNames.indexOf(name.toLowerCase(Locale.ROOT));
    Image base = earlier >= 0 ? images.byId(stageImages.get(earlier)).orElseThrow()
        : name.equals("scratch") ? null : reference(name);
    image = base == null ? "" : base.id(); // FROM scratch: no image, the first commit has no parent
    maintainer = "";
    Config config = base == null || base.config() == null ? Config.empty() : base.config();
    List<String> env = config.env() == null ? new ArrayList<>() : new ArrayList<>(config.env());
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      env.add("PATH=" + DEFAULT_PATH);
    }
    state = new ConfigInstructions.State(config.toBuilder().env(env).openStdin(false).stdinOnce(false).build());
    List<String> triggers = state.config.onBuild();
    if (triggers != null && !triggers.isEmpty()) {
      state.config = state.config.toBuilder().onBuild(null).build();
      out.write("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
      for (String trigger : triggers) {
        List<String> lines = Dockerfiles.lines(trigger, true);
        if (lines.size() != 1) {
          throw new DockerException("onbuild trigger should be a single expression");
        }
        DockerfileLine line = DockerfileLine.parse(lines.get(0));
        if (!INSTRUCTIONS.contains(line.name())) {
          throw new DockerException("unknown instruction: " + line.keyword());
        }
        dispatch(line);
      }
    }
  }

  /** An image by reference (a registry host allowed, {@code latest} by default) or ID, pulled when missing. */
  private Image reference(String name) {
    String ref = name;
    for (String prefix : new String[] {"docker.io/library/", "docker.io/"}) {
      if (ref.startsWith(prefix)) {
        ref = ref.substring(prefix.length());
        break;
      }
    }
    int at = ref.indexOf('@');
    String digest = at < 0 ? "" : ref.substring(at + 1);
    ref = at < 0 ? ref : ref.substring(0, at);
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String repository = colon > slash ? ref.substring(0, colon) : ref;
    String tag = colon > slash ? ref.substring(colon + 1) : TagStore.DEFAULT_TAG;
    if (!digest.isEmpty()) { // FROM busybox@sha256:…: the image pulled under that digest, pulled when missing
      Image pinned = images.byDigest(repository, digest).orElse(null);
      if (pinned == null) {
        images.pullDigest(repository, digest, out.pullSink());
        pinned = images.byDigest(repository, digest).orElseThrow(() -> new DockerException("No such image: " + name));
      }
      return pinned;
    }
    Image found = images.tagged(repository, tag).orElse(null);
    if (found == null && Ids.isValid(ref)) {
      found = images.byId(ref).orElse(null);
    }
    if (found == null) {
      images.pullReference(repository, tag, out.pullSink());
      found = images.tagged(repository, tag).orElseThrow(() -> new DockerException("No such image: " + name));
    }
    return found;
  }

  // ---------------------------------------------------------------- the instructions

  private void dispatch(DockerfileLine line) {
    Map<String, String> env = ConfigInstructions.envMap(state.config.env());
    args.filterAllowed(state.config.env()).forEach(e -> {
      String[] kv = e.split("=", 2);
      env.put(kv[0], kv[1]);
    });
    switch (line.name()) {
      case "run" -> run(line);
      case "add", "copy" -> copy(line, env);
      case "arg" -> {
        StringBuilder comment = new StringBuilder("ARG");
        for (String[] kv : argPairs(line, env)) {
          args.add(kv[0], kv[1]);
          comment.append(' ').append(kv[0]).append(kv[1] == null ? "" : "=" + kv[1]);
        }
        commit(comment.toString(), false);
      }
      case "maintainer" -> {
        maintainer = line.rest();
        commit("MAINTAINER " + maintainer, false);
      }
      default -> {
        if (line.name().equals("healthcheck")) {
          io.mockdocker.registry.Healthcheck old = state.config.healthcheck();
          if (old != null && !old.test().isEmpty() && !old.test().get(0).equals("NONE")) {
            out.processOutput("Note: overriding previous HEALTHCHECK: " + Dockerfiles.goList(old.test()) + "\n");
          }
        }
        if (!line.name().equals("healthcheck")) { // HEALTHCHECK reads its own flags
          line.flags(Set.of());
        }
        String comment = ConfigInstructions.apply(state, line, env);
        if (comment == null) {
          throw new DockerException("unsupported command type: " + line.keyword());
        }
        if (line.name().equals("workdir")) {
          workdir(comment);
        } else {
          commit(comment, false);
        }
      }
    }
  }

  /** ARG's {@code name[=value]} words, substituted; a name without a value maps to {@code null}. */
  private static List<String[]> argPairs(DockerfileLine line, Map<String, String> env) {
    List<String> words = DockerfileLine.words(line.rest());
    if (words.isEmpty()) {
      throw new DockerException("ARG requires at least one argument");
    }
    List<String[]> pairs = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq == 0) {
        throw new DockerException("ARG names can not be blank");
      }
      String key = ShellLex.processWord(eq < 0 ? word : word.substring(0, eq), env);
      String value = eq < 0 ? null : ShellLex.processWord(word.substring(eq + 1), env);
      pairs.add(new String[] {key, value});
    }
    return pairs;
  }

  private void run(DockerfileLine line) {
    if (!line.flags().isEmpty()) {
      String flag = line.flags().get(0).substring(2).split("=", 2)[0];
      throw new DockerException("the --" + flag + BUILDKIT_ONLY);
    }
    Config config = state.config.toBuilder().image(image).build();
    List<String> cmd = ConfigInstructions.commandLine(config, line.rest(), false);
    List<String> buildEnv = args.filterAllowed(config.env());
    List<String> saveCmd = cmd;
    if (!buildEnv.isEmpty()) { // the history shows the build arguments before the command: |2 A=1 B=2 sh -c …
      List<String> shown = buildEnv.stream().filter(e -> args.shownInHistory(e.split("=", 2)[0])).sorted().toList();
      List<String> prefixed = new ArrayList<>();
      prefixed.add("|" + shown.size());
      prefixed.addAll(shown);
      prefixed.addAll(cmd);
      saveCmd = prefixed;
    }
    Config probe = config.toBuilder().cmd(saveCmd).entrypoint(saveCmd.isEmpty() ? config.entrypoint() : null)
        .build();
    if (fromCache(probe)) {
      return;
    }
    List<String> env = new ArrayList<>(config.env() == null ? List.of() : config.env());
    env.addAll(buildEnv);
    // the step runs its command alone: an empty entrypoint, so the image's is not taken either
    Config runConfig = config.toBuilder().cmd(cmd).env(env).entrypoint(List.of()).attachStdout(true)
        .attachStderr(true).build();
    List<String[]> extraHosts = extraHosts();
    LiveContainer c = create(runConfig);
    int code;
    if (extraHosts.isEmpty()) {
      code = BuildFiles.runToEnd(runtime, c);
    } else {
      store.mount(c);
      code = withHostsFile(c, extraHosts, () -> BuildFiles.runToEnd(runtime, c));
    }
    processOutput(c.log.entries());
    if (code != 0) {
      throw new RefusedByEngine(RefusedByEngine.Reason.STEP_FAILED,
          "The command " + Dockerfiles.goList(cmd) + " returned a non-zero code: " + code,
          String.join(" ", cmd), String.valueOf(code));
    }
    commitContainer(c, probe);
  }

  /**
   * The {@code extrahosts} entries as (name, address) pairs, checked as the daemon checked a container's
   * {@code ExtraHosts} at create: {@code bad format for add-host: "x"}, {@code invalid IP address in add-host: "y"};
   * {@code host-gateway} is the default bridge's gateway.
   */
  private List<String[]> extraHosts() {
    List<String[]> pairs = new ArrayList<>();
    for (String entry : request.extraHosts()) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new DockerException("bad format for add-host: \"" + entry + "\"");
      }
      String ip = entry.substring(colon + 1);
      if (ip.equals("host-gateway")) {
        ip = HOST_GATEWAY;
      } else if (!validIp(ip.strip())) {
        throw new DockerException("invalid IP address in add-host: \"" + ip + "\"");
      }
      pairs.add(new String[] {entry.substring(0, colon), ip.strip()});
    }
    return pairs;
  }

  private static final String HOST_GATEWAY = "172.17.0.1";
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
      + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private static boolean validIp(String ip) {
    if (IPV4.matcher(ip).matches()) {
      return true;
    }
    if (!ip.contains(":") || !ip.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** A step with the daemon's {@code /etc/hosts} (the extra hosts added) in place while it runs, left out of its layer. */
  private int withHostsFile(LiveContainer c, List<String[]> extraHosts, java.util.function.IntSupplier step) {
    try {
      Path hosts = io.mockdocker.internal.shell.RootedPaths.resolve(c.rootfs, "/etc/hosts", true);
      byte[] before = Files.isRegularFile(hosts) ? Files.readAllBytes(hosts) : null;
      java.nio.file.attribute.FileTime modified = before == null ? null : Files.getLastModifiedTime(hosts);
      StringBuilder text = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
          + "fe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
      extraHosts.forEach(h -> text.append(h[1]).append('\t').append(h[0]).append('\n'));
      Files.createDirectories(hosts.getParent());
      Files.writeString(hosts, text, StandardCharsets.UTF_8);
      try {
        return step.getAsInt();
      } finally {
        if (before == null) {
          Files.deleteIfExists(hosts);
        } else {
          Files.write(hosts, before);
          Files.setLastModifiedTime(hosts, modified);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The step's output in the order it was written, consecutive lines of one stream together. */
  private void processOutput(List<LogEntry> entries) {
    StringBuilder run = new StringBuilder();
    StdStream stream = null;
    for (LogEntry e : entries) {
      if (stream != null && e.stream() != stream) {
        emit(stream, run);
      }
      stream = e.stream();
      run.append(new String(e.bytes(), StandardCharsets.UTF_8));
    }
    if (stream != null) {
      emit(stream, run);
    }
  }

  private void emit(StdStream stream, StringBuilder text) {
    if (stream == StdStream.STDERR) {
      out.processError(text.toString());
    } else {
      out.processOutput(text.toString());
    }
    text.setLength(0);
  }

  private void copy(DockerfileLine line, Map<String, String> env) {
    boolean add = line.name().equals("add");
    String keyword = add ? "ADD" : "COPY";
    Map<String, String> flags = line.flags(add ? Set.of("chown", "chmod", "link", "keep-git-dir", "checksum")
        : Set.of("chown", "chmod", "link", "from"));
    if (flags.containsKey("chmod")) {
      throw new DockerException("the --chmod" + BUILDKIT_ONLY);
    }
    List<String> words = DockerfileLine.jsonOrWords(line.rest());
    if (words.size() < 2) {
      throw new DockerException(keyword + " requires at least two arguments, but only one was provided. "
          + "Destination could not be determined");
    }
    List<String> sources = new ArrayList<>();
    for (String w : words.subList(0, words.size() - 1)) {
      sources.add(ShellLex.processWord(w, env));
    }
    String dest = ShellLex.processWord(words.get(words.size() - 1), env);
    if (!dest.startsWith("/")) { // relative to WORKDIR
      String dir = state.config.workingDir().isEmpty() ? "/" : state.config.workingDir();
      dest = Path.of(dir).resolve(dest).normalize() + (dest.endsWith("/") ? "/" : "");
      dest = dest.replace("//", "/");
    }
    String from = flags.getOrDefault("from", "");
    Path root = from.isEmpty() ? context : sourceImage(from);
    try {
      if (root == null) {
        throw new DockerException("No context given. Impossible to use " + keyword);
      }
      List<Path> paths = new ArrayList<>();
      for (String source : sources) {
        paths.addAll(from.isEmpty() ? contextSources(source, keyword) : List.of(imageSource(root, source)));
      }
      if (paths.isEmpty()) { // wildcards that matched nothing
        throw new DockerException(keyword + " failed: no source files were specified");
      }
      if (paths.size() > 1 && !dest.endsWith("/")) {
        throw new DockerException("When using " + keyword
            + " with more than one source file, the destination must be a directory and end with a /");
      }
      Config nop = state.config.toBuilder().image(image).cmd(nop(keyword + " " + String.join(" ", sources) + " in "
          + dest, true)).build();
      LiveContainer c = create(nop);
      store.mount(c);
      for (Path path : paths) {
        BuildFiles.copyResolved(path, c.rootfs, dest, add && from.isEmpty(), layers);
      }
      commitContainer(c, nop);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (root != null && root != context) {
        layers.discard(root);
      }
    }
  }

  /**
   * The context paths a source names: itself (missing: the daemon's {@code file not found in build context or excluded
   * by .dockerignore}), or the matches of a wildcard ({@code *}, {@code ?}, {@code [...]}), perhaps none.
   */
  private List<Path> contextSources(String source, String keyword) throws IOException {
    String trimmed = source.startsWith("/") ? source.substring(1) : source;
    trimmed = trimmed.startsWith("./") ? trimmed.substring(2) : trimmed;
    if (!source.matches(".*[*?\\[].*")) {
      try {
        return List.of(BuildFiles.inContext(context, source));
      } catch (DockerException missing) {
        throw new DockerException(keyword + " failed: file not found in build context or excluded by .dockerignore: "
            + "stat " + trimmed + ": file does not exist");
      }
    }
    FileSystem fs = context.getFileSystem();
    String pattern = trimmed;
    PathMatcher matcher = fs.getPathMatcher("glob:" + pattern.replace("{", "\\{"));
    List<Path> found;
    try (Stream<Path> walk = Files.walk(context)) {
      found = walk.filter(p -> !p.equals(context) && matcher.matches(context.relativize(p))).sorted().toList();
    }
    return found;
  }

  private static Path imageSource(Path root, String source) throws IOException {
    Path path = io.mockdocker.internal.shell.RootedPaths.resolve(root, source, true);
    if (!Files.exists(path)) {
      throw new DockerException("stat " + source + ": no such file or directory");
    }
    return path;
  }

  /**
   * The file system COPY {@code --from} reads: an earlier stage's image (by name or index) or any image (pulled when
   * missing), unpacked into a staging directory the caller discards.
   */
  private Path sourceImage(String from) {
    String id;
    int byName = stageNames.indexOf(from.toLowerCase(Locale.ROOT));
    if (byName >= 0) {
      id = stageImages.get(byName);
    } else if (from.matches("\\d+")) {
      int index = Integer.parseInt(from);
      if (index == stageImages.size()) {
        throw new DockerException("invalid from flag value " + from + ": refers to current build stage");
      }
      if (index > stageImages.size()) {
        throw new DockerException("invalid from flag value " + from + ": index out of bounds");
      }
      id = stageImages.get(index);
    } else {
      id = reference(from).id();
    }
    Path staged = layers.staging();
    store.materialize(id, staged);
    return staged;
  }

  /** WORKDIR: a step container in which the directory is made, committed with a one-word comment. */
  private void workdir(String comment) {
    Config nop = state.config.toBuilder().image(image).cmd(nop(comment, true)).build();
    if (fromCache(nop)) {
      return;
    }
    LiveContainer c = create(nop);
    store.mount(c);
    try {
      Files.createDirectories(io.mockdocker.internal.shell.RootedPaths.resolve(c.rootfs,
          state.config.workingDir(), true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commitContainer(c, nop);
  }

  // ---------------------------------------------------------------- commits

  /** The no-op command a metadata step records: the shell, then {@code #(nop) } and the comment. */
  private List<String> nop(String comment, boolean oneWord) {
    List<String> cmd = new ArrayList<>(ConfigInstructions.shell(state.config));
    if (oneWord) {
      cmd.add("#(nop) " + comment);
    } else {
      cmd.add("#(nop) ");
      cmd.add(comment);
    }
    return cmd;
  }

  /** A metadata step: the cache, or a container that records the comment, committed with the config. */
  private void commit(String comment, boolean oneWord) {
    Config nop = state.config.toBuilder().image(image).cmd(nop(comment, oneWord)).build();
    if (fromCache(nop)) {
      return;
    }
    commitContainer(create(nop), nop);
  }

  /** Whether the cache has this step (a child of the current image made with {@code probe}); then it is taken. */
  private boolean fromCache(Config probe) {
    String cached = request.noCache() ? null : request.cacheFrom().isEmpty()
        ? images.cachedChild(image, probe).orElse(null) : images.cachedChildIn(image, probe, cacheSources).orElse(null);
    if (cached == null) {
      return false;
    }
    out.usingCache();
    image = cached;
    return true;
  }

  private void commitContainer(LiveContainer c, Config containerConfig) {
    Config config = state.config.toBuilder().image(image).build();
    image = store.commit(c, "", "", "", maintainer, config, containerConfig).id();
    if (request.remove()) {
      store.remove(c.id);
      out.removedIntermediate(c.id);
    }
  }

  private LiveContainer create(Config config) {
    LiveContainer c = lock.locked(() -> {
      LiveContainer created = store.createForBuild(config, image.isEmpty());
      synchronized (created) { // a step's container exposes the ports (any protocol) but publishes none
        created.ports = new PortConfig(Set.of(), Map.of(), false).withImagePorts(created.config.portSpecs());
      }
      return created;
    });
    out.runningIn(c.id);
    return c;
  }
}
