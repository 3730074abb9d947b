package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import io.mockdocker.script.TransferKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code POST /build} with today's classic builder ({@code DOCKER_BUILDKIT=0}): stages ({@code FROM … AS name},
 * {@code COPY --from}, the {@code target}), build arguments with their scopes, variables substituted as the
 * daemon's shell lexer does, SHELL, ONBUILD triggers, and the config instructions of {@link ConfigInstructions}.
 * Each step runs in a container (removed when asked), commits an image that stays as an untagged layer, and asks
 * the cache first. Returns the last stage's image ID; a failure is thrown for the view to report.
 *
 * <p>This class runs the stages and dispatches the instructions; {@link ClassicDockerfile} parses and checks the
 * Dockerfile, {@link ClassicRun} runs RUN, {@link ClassicCopy} runs COPY, ADD and WORKDIR, and
 * {@link ClassicCommits} holds the current image and config and commits the steps.
 */
final class ClassicBuild {
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final String BUILDKIT_ONLY =
      " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with "
          + "BuildKit enabled";

  private final Images images;
  private final Transfers transfers;
  private final BuildOutput out;
  private final BuildRequest request;
  private final ClassicCommits commits;
  private final ClassicRun runs;
  private final ClassicCopy copies;

  /** What the stages built so far left: their names (lower case, or {@code null}) and image IDs. */
  private final List<String> stageNames = new ArrayList<>();
  private final List<String> stageImages = new ArrayList<>();

  // the current stage's build arguments (its image and config are in commits)
  private BuildArgs args;

  ClassicBuild(Images images, StateLock lock, LayerStaging layers, ContainerStore store, ContainerRuntime runtime,
      Transfers transfers, BuildOutput out, Path context, BuildRequest request) {
    this.images = images;
    this.transfers = transfers;
    this.out = out;
    this.request = request;
    this.commits = new ClassicCommits(images, lock, store, out, request);
    this.runs = new ClassicRun(commits, store, runtime, out, request);
    this.copies = new ClassicCopy(commits, layers, store, context, stageNames, stageImages, this::reference);
  }

  String build(String dockerfile) {
    List<DockerfileLine> metaArgs = new ArrayList<>();
    List<ClassicDockerfile.Stage> stages = ClassicDockerfile.parse(dockerfile, metaArgs);
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
      images.find(source).ifPresent(i -> commits.cacheSources.add(i.id()));
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
    for (ClassicDockerfile.Stage stage : stages) {
      if (stage.name() != null && stageNames.contains(stage.name())) {
        throw new DockerException(stage.name() + " stage name already used");
      }
      args = base.forStage();
      printStep(++step, total, stage.from());
      from(stage);
      out.stepResult(commits.image);
      for (DockerfileLine line : stage.commands()) {
        printStep(++step, total, line);
        dispatch(line);
        out.stepResult(commits.image);
      }
      out.stageBuilt(commits.image);
      base.mergeReferenced(args);
      stageNames.add(stage.name());
      stageImages.add(commits.image);
    }
    if (commits.image.isEmpty()) {
      throw new DockerException("No image was generated. Is your Dockerfile empty?");
    }
    String warning = base.unusedWarning();
    if (warning != null) {
      out.write(warning);
    }
    out.built(commits.image);
    return commits.image;
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

  private void from(ClassicDockerfile.Stage stage) {
    String name = ShellLex.processWord(stage.baseName(), args.meta());
    if (name.isEmpty()) {
      throw new DockerException("base name (" + stage.baseName() + ") should not be blank");
    }
    int earlier = stageNames.indexOf(name.toLowerCase(Locale.ROOT));
    Image base = earlier >= 0 ? images.byId(stageImages.get(earlier)).orElseThrow()
        : name.equals("scratch") ? null : reference(name);
    commits.image = base == null ? "" : base.id(); // FROM scratch: no image, the first commit has no parent
    commits.maintainer = "";
    Config config = base == null || base.config() == null ? Config.empty() : base.config();
    List<String> env = config.env() == null ? new ArrayList<>() : new ArrayList<>(config.env());
    if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
      env.add("PATH=" + DEFAULT_PATH);
    }
    commits.state = new ConfigInstructions.State(config.toBuilder().env(env).openStdin(false).stdinOnce(false).build());
    List<String> triggers = commits.state.config.onBuild();
    if (triggers != null && !triggers.isEmpty()) {
      commits.state.config = commits.state.config.toBuilder().onBuild(null).build();
      out.write("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
      for (String trigger : triggers) {
        List<String> lines = Dockerfiles.lines(trigger, true);
        if (lines.size() != 1) {
          throw new DockerException("onbuild trigger should be a single expression");
        }
        DockerfileLine line = DockerfileLine.parse(lines.get(0));
        if (!ClassicDockerfile.INSTRUCTIONS.contains(line.name())) {
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
    Map<String, String> env = ConfigInstructions.envMap(commits.state.config.env());
    args.filterAllowed(commits.state.config.env()).forEach(e -> {
      String[] kv = e.split("=", 2);
      env.put(kv[0], kv[1]);
    });
    switch (line.name()) {
      case "run" -> runs.run(line, args);
      case "add", "copy" -> copies.copy(line, env);
      case "arg" -> {
        StringBuilder comment = new StringBuilder("ARG");
        for (String[] kv : argPairs(line, env)) {
          args.add(kv[0], kv[1]);
          comment.append(' ').append(kv[0]).append(kv[1] == null ? "" : "=" + kv[1]);
        }
        commits.commit(comment.toString(), false);
      }
      case "maintainer" -> {
        commits.maintainer = line.rest();
        commits.commit("MAINTAINER " + commits.maintainer, false);
      }
      default -> {
        if (line.name().equals("healthcheck")) {
          io.mockdocker.registry.Healthcheck old = commits.state.config.healthcheck();
          if (old != null && !old.test().isEmpty() && !old.test().get(0).equals("NONE")) {
            out.processOutput("Note: overriding previous HEALTHCHECK: " + Dockerfiles.goList(old.test()) + "\n");
          }
        }
        if (!line.name().equals("healthcheck")) { // HEALTHCHECK reads its own flags
          line.flags(Set.of());
        }
        String comment = ConfigInstructions.apply(commits.state, line, env);
        if (comment == null) {
          throw new DockerException("unsupported command type: " + line.keyword());
        }
        if (line.name().equals("workdir")) {
          copies.workdir(comment);
        } else {
          commits.commit(comment, false);
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
}
