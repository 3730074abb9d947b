package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import io.mockdocker.script.TransferKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  String build(String dockerfile) {
    List<String> lines = Dockerfiles.lines(dockerfile, false);
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
      case "copy" -> throw new DockerException("COPY has been deprecated. Please use ADD instead");
      case "add" -> add(args, "ADD", true);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void from(String name) {
    Image found = images.find(name).orElse(null);
    if (found == null) {
      String[] parts = name.split(":", -1);
      images.pull(parts[0], parts.length > 1 ? parts[1] : "", "", out.pullSink());
      found = lock.locked(() -> tags.lookup(name));
    }
    image = found.id();
    config = Config.empty();
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
    int code = BuildFiles.runToEnd(runtime, c);
    if (code != 0) {
      throw new RefusedByEngine(RefusedByEngine.Reason.STEP_FAILED,
          "The command " + Dockerfiles.goList(config.cmd()) + " returned a non-zero code: " + code,
          String.join(" ", config.cmd()), String.valueOf(code));
    }
    commit(c, cmd, "run");
    config = config.toBuilder().cmd(cmd).build();
  }

  private void env(String args) {
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
      BuildFiles.copySource(context, orig, c.rootfs, dest, extract, layers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commit(c, cmd, keyword + " " + orig + " in " + dest);
    config = config.toBuilder().cmd(cmd).build();
  }

  /**
   * Commits {@code c} (or, for a no-op instruction, a fresh container) with {@code autoCmd} as the image's Cmd. The
   * era's builder left its no-op Cmd in the config for the next steps (v0.4.4 did).
   */
  private void commit(LiveContainer c, List<String> autoCmd, String comment) {
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
