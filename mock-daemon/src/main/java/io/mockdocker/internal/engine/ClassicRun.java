package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.FsWrites;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic builder's RUN: the command in a step container with the build arguments in its environment (and in
 * the history before the command), the {@code extrahosts} in its {@code /etc/hosts}, its output relayed stream by
 * stream, a non-zero exit failing the build.
 */
final class ClassicRun {
  private final ClassicCommits commits;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final BuildOutput out;
  private final BuildRequest request;

  ClassicRun(ClassicCommits commits, ContainerStore store, ContainerRuntime runtime, BuildOutput out,
      BuildRequest request) {
    this.commits = commits;
    this.store = store;
    this.runtime = runtime;
    this.out = out;
    this.request = request;
  }

  void run(DockerfileLine line, BuildArgs args) {
    if (!line.flags().isEmpty()) {
      String flag = line.flags().get(0).substring(2).split("=", 2)[0];
      throw new DockerException("the --" + flag + ClassicBuild.BUILDKIT_ONLY);
    }
    Config config = commits.state.config.toBuilder().image(commits.image).build();
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
    if (commits.fromCache(probe)) {
      return;
    }
    List<String> env = new ArrayList<>(config.env() == null ? List.of() : config.env());
    env.addAll(buildEnv);
    Executables.Refusal nul = cmd.isEmpty() ? null : Executables.nul(cmd, env);
    if (nul != null) { // the step container's start failed in the runtime, which the build reports as it said it
      throw new DockerException(nul.text(CommandRefused.CREATE_FAILED));
    }
    // the step runs its command alone: an empty entrypoint, so the image's is not taken either
    Config runConfig = config.toBuilder().cmd(cmd).env(env).entrypoint(List.of()).attachStdout(true)
        .attachStderr(true).build();
    List<String[]> extraHosts = extraHosts();
    LiveContainer c = commits.create(runConfig);
    LiveOutput live = new LiveOutput();
    c.stdout.subscribe(live.of(StdStream.STDOUT));
    c.stderr.subscribe(live.of(StdStream.STDERR));
    c.beforeSleep = live::send;
    int code;
    if (extraHosts.isEmpty()) {
      code = BuildFiles.runToEnd(runtime, c);
    } else {
      store.mount(c);
      code = withHostsFile(c, extraHosts, () -> BuildFiles.runToEnd(runtime, c));
    }
    live.send();
    if (code != 0) {
      throw new RefusedByEngine(RefusedByEngine.Reason.STEP_FAILED,
          "The command " + Dockerfiles.goList(cmd) + " returned a non-zero code: " + code,
          String.join(" ", cmd), String.valueOf(code));
    }
    commits.commitContainer(c, probe);
  }

  /** The {@code extrahosts} entries, checked as a container's {@code ExtraHosts} were (see {@link EtcHosts}). */
  private List<String[]> extraHosts() {
    return EtcHosts.extraHosts(request.extraHosts());
  }

  /** A step with the daemon's {@code /etc/hosts} (the extra hosts added) in place while it runs, left out of its layer. */
  private int withHostsFile(LiveContainer c, List<String[]> extraHosts, java.util.function.IntSupplier step) {
    try {
      Path hosts = io.mockdocker.internal.shell.RootedPaths.resolve(c.rootfs, "/etc/hosts", true);
      byte[] before = Files.isRegularFile(hosts) ? Files.readAllBytes(hosts) : null;
      java.nio.file.attribute.FileTime modified = before == null ? null : Files.getLastModifiedTime(hosts);
      String text = EtcHosts.text(extraHosts, "", "", "");
      Files.createDirectories(hosts.getParent());
      Files.writeString(hosts, text, StandardCharsets.UTF_8);
      try {
        return step.getAsInt();
      } finally {
        if (before == null) {
          Files.deleteIfExists(hosts);
        } else {
          Files.write(hosts, before);
          FsWrites.setLastModifiedTime(hosts, modified);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A RUN's output relayed while it runs, in the order written: consecutive writes to one stream are held together
   * and sent when the other stream writes, when the process is about to wait on the clock, and when it ends, so a
   * step that prints, sleeps and prints again shows its first lines before it ends.
   */
  private final class LiveOutput {
    private final StringBuilder held = new StringBuilder();
    private StdStream stream;

    ContainerOutput.Listener of(StdStream from) {
      return new ContainerOutput.Listener() {
        @Override
        public void write(byte[] bytes) {
          hold(from, bytes);
        }

        @Override
        public void closed() {
          send();
        }
      };
    }

    private synchronized void hold(StdStream from, byte[] bytes) {
      if (stream != null && from != stream) {
        send();
      }
      stream = from;
      held.append(new String(bytes, StandardCharsets.UTF_8));
    }

    synchronized void send() {
      if (stream != null && held.length() > 0) {
        emit(stream, held);
      }
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
}
