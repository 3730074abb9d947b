package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.RootedPaths;
import io.mockdocker.registry.Config;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code POST /build}: v0.4.4's buildfile, instruction by instruction. Each step runs in a container that is
 * left behind, commits an image that stays as an untagged layer, and asks getCache first. Returns the last image's
 * ID; a failure is thrown for the caller to print as {@code Error build: …}.
 */
final class BuildOperation {
  private final Images images;
  private final StateLock lock;
  private final TagStore tags;
  private final LayerStaging layers;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final Transfers transfers;
  private final BuildOutput out;
  private final Path context;
  private final BuildRequest request;
  private String image = "";
  private String maintainer = "";
  /** Whether this Dockerfile set CMD (ENTRYPOINT then keeps it; an inherited one it drops). */
  private boolean cmdSet;
  private Config config = Config.empty();

  BuildOperation(Images images, StateLock lock, TagStore tags, LayerStaging layers, ContainerStore store,
      ContainerRuntime runtime, Transfers transfers, BuildOutput out, Path context, BuildRequest request) {
    this.images = images;
    this.lock = lock;
    this.tags = tags;
    this.layers = layers;
    this.store = store;
    this.runtime = runtime;
    this.transfers = transfers;
    this.out = out;
    this.context = context;
    this.request = request;
  }

  private static final java.util.Set<String> CLASSIC_INSTRUCTIONS = java.util.Set.of("from", "maintainer", "run",
      "env", "cmd", "expose", "add", "copy", "workdir", "entrypoint", "label", "user", "arg", "volume",
      "stopsignal");

  String build(String dockerfile) {
    List<String> lines = Dockerfiles.lines(dockerfile, request.dialect().modern);
    if (request.dialect().modern) {
      for (String line : lines) {
        String instruction = line.split("[ \t]", 2)[0].toLowerCase(Locale.ROOT);
        if (!CLASSIC_INSTRUCTIONS.contains(instruction)) {
          throw new DockerException("Bad parameter: dockerfile parse error, unknown instruction: "
              + instruction.toUpperCase(Locale.ROOT));
        }
      }
    }
    int step = 0;
    for (String line : lines) {
      String[] parts = line.split(" ", 2);
      if (parts.length != 2) {
        throw new DockerException("Invalid Dockerfile format");
      }
      String instruction = parts[0].strip().toLowerCase(Locale.ROOT);
      String args = parts[1].strip();
      step++;
      out.step(step, lines.size(), instruction.toUpperCase(Locale.ROOT), args, line);
      transfers.step(new Transfer(TransferKind.BUILD, "", "", step, 0));
      if (!dispatch(instruction, args)) {
        out.skipped(instruction.toUpperCase(Locale.ROOT));
        continue;
      }
      out.stepResult(image);
    }
    if (image.isEmpty()) {
      throw new DockerException("An error occured during the build\n");
    }
    out.built(image);
    return image;
  }

  private boolean dispatch(String instruction, String args) {
    switch (instruction) {
      case "from" -> from(args);
      case "maintainer" -> {
        maintainer = args;
        commit(null, config.cmd(), "MAINTAINER " + args);
      }
      case "run" -> run(args);
      case "env" -> env(args);
      case "cmd" -> cmd(args);
      case "expose" -> expose(args);
      case "insert" -> throw new DockerException("INSERT has been deprecated. Please use ADD instead");
      case "copy" -> {
        if (!request.dialect().modern) {
          throw new DockerException("COPY has been deprecated. Please use ADD instead");
        }
        add(args, "COPY", false);
      }
      case "add" -> add(args, "ADD", true);
      default -> {
        return request.dialect().modern && classic(instruction, args);
      }
    }
    return true;
  }

  /** The classic builder's metadata instructions: each commits a no-op layer with its comment. */
  private boolean classic(String instruction, String args) {
    String keyword = instruction.toUpperCase(Locale.ROOT);
    switch (instruction) {
      case "user" -> config = config.toBuilder().user(args).build();
      case "volume" -> {
        List<String> volumes = config.volumes() == null ? new ArrayList<>() : new ArrayList<>(config.volumes());
        volumes.addAll(Dockerfiles.parseList(args));
        config = config.toBuilder().volumes(volumes).build();
      }
      case "workdir" -> {
        String base = config.workingDir().isEmpty() ? "/" : config.workingDir();
        String dir = java.nio.file.Path.of(base).resolve(args.strip()).normalize().toString();
        config = config.toBuilder().workingDir(dir).build();
      }
      case "entrypoint" -> {
        config = config.toBuilder().entrypoint(Dockerfiles.execOrShell(args)).build();
        if (!cmdSet) {
          config = config.toBuilder().cmd((List<String>) null).build(); // an inherited CMD no longer applies
        }
      }
      case "label" -> {
        java.util.Map<String, String> labels = config.labels() == null ? new java.util.TreeMap<>()
            : new java.util.TreeMap<>(config.labels());
        labels.putAll(BuildLabels.parse(args));
        config = config.toBuilder().labels(labels).build();
      }
      case "arg" -> {
        // build arguments are not substituted; the step is recorded
      }
      case "stopsignal" -> {
        String signal = args.strip();
        if (io.mockdocker.internal.shell.Signals.parse(signal) < 0) {
          throw new DockerException("invalid signal: " + signal);
        }
        config = config.toBuilder().stopSignal(signal).build();
      }
      default -> {
        return false;
      }
    }
    commit(null, config.cmd(), keyword + " " + args);
    return true;
  }

  private void from(String name) {
    if (request.dialect().modern) {
      fromReference(name);
      return;
    }
    Image found = images.find(name).orElse(null);
    if (found == null) {
      String[] parts = name.split(":", -1);
      images.pull(parts[0], parts.length > 1 ? parts[1] : "", "", out.pullSink());
      found = lock.locked(() -> tags.lookup(name));
    }
    image = found.id();
    config = Config.empty();
  }

  /** FROM in the classic builder: a reference (a registry host allowed, tag {@code latest} by default) or an ID. */
  private void fromReference(String name) {
    String ref = name;
    for (String prefix : new String[] {"docker.io/library/", "docker.io/"}) {
      if (ref.startsWith(prefix)) {
        ref = ref.substring(prefix.length());
        break;
      }
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String repository = colon > slash ? ref.substring(0, colon) : ref;
    String tag = colon > slash ? ref.substring(colon + 1) : TagStore.DEFAULT_TAG;
    Image found = images.tagged(repository, tag).orElse(null);
    if (found == null && Ids.isValid(ref)) {
      found = images.byId(ref).orElse(null);
    }
    if (found == null) {
      images.pullReference(repository, tag, out.pullSink());
      found = images.tagged(repository, tag).orElseThrow(() -> new DockerException("No such image: " + name));
    }
    image = found.id();
    config = found.config() == null ? Config.empty() : found.config();
  }

  private void run(String args) {
    requireImage("run");
    List<String> cmd = config.cmd();
    Config parsed = Config.builder().attachStdout(true).attachStderr(true).cmd("/bin/sh", "-c", args)
        .image(image).volumes(List.of()).build();
    // a RUN runs its command alone, not after the ENTRYPOINT (an empty one, so the image's is not taken either);
    // the image keeps the entrypoint
    List<String> entrypoint = config.entrypoint();
    config = Configs.merge(config.toBuilder().cmd((List<String>) null).entrypoint(List.of()).build(), parsed);
    String cached = request.noCache() ? null : images.cachedChild(image, config).orElse(null);
    if (cached != null) {
      out.usingCache();
      image = cached;
      config = config.toBuilder().entrypoint(entrypoint).build();
      return;
    }
    LiveContainer c = create();
    config = config.toBuilder().entrypoint(entrypoint).build();
    runtime.start(c);
    int code;
    try {
      code = runtime.await(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerException("interrupted");
    }
    if (request.dialect().modern) {
      byte[] stdout = c.stdout.log();
      byte[] stderr = c.stderr.log();
      String text = new String(stdout, java.nio.charset.StandardCharsets.UTF_8)
          + new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
      if (!text.isEmpty()) {
        out.processOutput(text);
      }
    }
    if (code != 0) {
      throw new RefusedByEngine(RefusedByEngine.Reason.STEP_FAILED,
          "The command " + Dockerfiles.goList(config.cmd()) + " returned a non-zero code: " + code,
          String.join(" ", config.cmd()), String.valueOf(code));
    }
    commit(c, cmd, "run");
    config = config.toBuilder().cmd(cmd).build();
  }

  private void env(String args) {
    String first = args.strip().split("\\s+", 2)[0];
    if (request.dialect().modern && first.contains("=")) { // the classic builder's ENV k=v [k2=v2 …]
      Map<String, String> pairs = BuildLabels.parse(args);
      List<String> env = config.env() == null ? new ArrayList<>() : new ArrayList<>(config.env());
      pairs.forEach((key, value) -> {
        env.removeIf(e -> e.startsWith(key + "="));
        env.add(key + "=" + value);
      });
      config = config.toBuilder().env(env).build();
      commit(null, config.cmd(), "ENV " + String.join(" ", pairs.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      return;
    }
    String[] kv = args.split(" ", 2);
    if (kv.length != 2) {
      throw new DockerException("Invalid ENV format");
    }
    String key = kv[0].strip();
    String value = kv[1].strip();
    List<String> env = config.env() == null ? new ArrayList<>() : new ArrayList<>(config.env());
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).startsWith(key + "=")) {
        env.set(i, key + "=" + value);
        config = config.toBuilder().env(env).build();
        return;
      }
    }
    env.add(key + "=" + value);
    config = config.toBuilder().env(env).build();
    commit(null, config.cmd(), "ENV " + key + "=" + value);
  }

  private void cmd(String args) {
    List<String> cmd = Dockerfiles.execOrShell(args);
    cmdSet = true;
    commit(null, cmd, "CMD " + Dockerfiles.goList(cmd));
    config = config.toBuilder().cmd(cmd).build();
  }

  private void expose(String args) {
    List<String> ports = List.of(args.split(" ", -1));
    List<String> specs = new ArrayList<>(ports);
    if (config.portSpecs() != null) {
      specs.addAll(config.portSpecs());
    }
    config = config.toBuilder().portSpecs(specs).build();
    commit(null, config.cmd(), "EXPOSE " + Dockerfiles.goList(ports));
  }

  private void add(String args, String keyword, boolean extract) {
    if (context == null) {
      throw new DockerException("No context given. Impossible to use ADD");
    }
    String[] parts = args.split(" ", 2);
    if (parts.length != 2) {
      throw new DockerException("Invalid ADD format");
    }
    String orig = parts[0].strip();
    String dest = parts[1].strip();
    List<String> cmd = config.cmd();
    config = config.toBuilder().cmd("/bin/sh", "-c", "#(nop) " + keyword + " " + orig + " in " + dest).image(image)
        .build();
    LiveContainer c = create();
    store.mount(c);
    try {
      Path from = context.resolve(orig.startsWith("/") ? orig.substring(1) : orig).normalize();
      if (!from.startsWith(context) || !Files.exists(from)
          || !from.toRealPath().startsWith(context.toRealPath())) {
        // a symlink in the context that leads out of it is as good as missing
        throw new DockerException("stat " + orig + ": no such file or directory");
      }
      if (Files.isDirectory(from)) {
        BuildFiles.copyInto(from, c.rootfs, dest);
      } else {
        byte[] bytes = Files.readAllBytes(from);
        Path staging = null;
        try {
          if (!extract) {
            throw new DockerException("COPY does not unpack archives");
          }
          staging = layers.untar(bytes);
        } catch (DockerException notAnArchive) {
          if (notAnArchive.getCause() instanceof TarExtraction.TarLimitException) {
            throw notAnArchive;
          }
        }
        if (staging != null) {
          try {
            BuildFiles.copyInto(staging, c.rootfs, dest);
          } finally {
            layers.discard(staging);
          }
        } else {
          String target = dest.endsWith("/") ? dest + from.getFileName() : dest;
          Path to = RootedPaths.resolve(c.rootfs, target, false);
          if (to.equals(c.rootfs)) {
            throw new DockerException("Invalid ADD destination: " + dest);
          }
          Files.createDirectories(to.getParent());
          if (Files.isSymbolicLink(to)) {
            Files.delete(to);
          }
          Files.write(to, bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commit(c, cmd, keyword + " " + orig + " in " + dest);
    config = config.toBuilder().cmd(cmd).build();
  }

  /**
   * Commits {@code c} (or, for a no-op instruction, a fresh container) with {@code autoCmd} as the image's Cmd. The
   * era's builder left its no-op Cmd in the config for the next steps (v0.4.4 did); the classic builder puts
   * {@code autoCmd} back.
   */
  private void commit(LiveContainer c, List<String> autoCmd, String comment) {
    commitStep(c, autoCmd, comment);
    if (request.dialect().modern) {
      config = config.toBuilder().cmd(autoCmd).build();
    }
  }

  private void commitStep(LiveContainer c, List<String> autoCmd, String comment) {
    requireImage("commit");
    config = config.toBuilder().image(image).build();
    LiveContainer container = c;
    if (container == null) {
      config = config.toBuilder().cmd("/bin/sh", "-c", "#(nop) " + comment).build();
      String cached = request.noCache() ? null : images.cachedChild(image, config).orElse(null);
      if (cached != null) {
        out.usingCache();
        image = cached;
        return;
      }
      container = create();
    }
    Config auto = config.toBuilder().cmd(autoCmd).build();
    image = store.commit(container, "", "", "", maintainer, auto).id();
    if (request.remove()) {
      store.remove(container.id);
      out.removedIntermediate(container.id);
    }
  }

  private LiveContainer create() {
    Config requested = config.toBuilder().image(image).build();
    LiveContainer c = lock.locked(() -> store.create(requested, new ArrayList<>()));
    synchronized (c) {
      config = c.config; // Create merged into the builder's own config, hostname included
    }
    out.runningIn(c.id);
    return c;
  }

  private void requireImage(String what) {
    if (image.isEmpty()) {
      throw new DockerException("Please provide a source image with `from` prior to " + what);
    }
  }

}
