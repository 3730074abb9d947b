package io.mockdocker.internal.rcli;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.rcli.RcliCommands.Failure;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeSet;

/**
 * The era CLI's {@code run} over the engine: its flags as a Config ({@code ParseRun}), the image pulled when it is not
 * found locally, the container created and started, and its streams attached as the flags asked.
 */
final class RcliRun {
  private final Engine engine;
  private final InputStream stdin;
  private final RcliOutput out;

  RcliRun(Engine engine, InputStream stdin, RcliOutput out) {
    this.engine = engine;
    this.stdin = stdin;
    this.out = out;
  }

  /** Runs {@code docker run} with the client's arguments after the command name. */
  void run(List<String> args) throws IOException, InterruptedException {
    GoFlags cmd = RcliCommands.subcmd(out, "run", "[OPTIONS] IMAGE COMMAND [ARG...]", "Run a command in a new container")
        .string("h", "Container host name")
        .string("u", "Username or UID")
        .bool("d", "Detached mode: leave the container running in the background")
        .attach("a", "Attach to stdin, stdout or stderr.")
        .bool("i", "Keep stdin open even if not attached")
        .bool("t", "Allocate a pseudo-tty")
        .integer("m", 0, "Memory limit (in bytes)")
        .list("p", "Expose a container's port to the host (use 'docker port' to see the actual mapping)")
        .list("e", "Set environment variables")
        .list("dns", "Set custom dns servers")
        .paths("v", "Attach a data volume")
        .string("volumes-from", "Mount volumes from the specified container");
    if (!args.isEmpty() && !args.get(0).equals("--help")) {
      cmd.discardOutput();
    }
    try {
      cmd.parse(args);
    } catch (GoFlags.ParseError e) {
      throw new Failure(e.getMessage());
    }
    Config config = runConfig(cmd);
    if (config.image().isEmpty()) {
      out.print("Error: Image not specified\n");
      throw new Failure("Image not specified");
    }
    if (config.tty()) {
      out.rawTerminal();
    }
    out.flush();
    String id = create(config);
    AttachOptions attach = new AttachOptions(false, true, config.attachStdin(), config.attachStdout(),
        config.attachStderr());
    boolean attached = attach.stdin() || attach.stdout() || attach.stderr();
    AttachHandle handle = attached ? engine.containers().prepareEraAttach(id, attach) : null;
    try {
      engine.containers().start(id);
    } catch (DockerException e) {
      if (handle != null) {
        handle.close();
      }
      throw new Failure(e.getMessage());
    }
    if (!config.attachStdout() && !config.attachStderr()) {
      out.print(io.mockdocker.internal.engine.Ids.shortId(id) + "\n");
    }
    if (handle != null) {
      // the era's attach ends with stdin when only stdin is attached, and with StdinOnce lasts until the exit
      try (handle) {
        handle.run(attach.stdin() ? stdin : InputStream.nullInputStream(), (stream, bytes) -> out.write(bytes));
      } catch (DockerException e) {
        throw new Failure(e.getMessage());
      }
    }
  }

  /** {@code ParseRun}: the flags as a Config, with its checks and defaults. */
  private Config runConfig(GoFlags cmd) {
    boolean detach = cmd.bool("d");
    TreeSet<String> streams = new TreeSet<>(cmd.values("a"));
    if (detach && !streams.isEmpty()) {
      throw new Failure("Conflicting options: -a and -d");
    }
    if (streams.isEmpty() && !detach) {
      streams.add("stdout");
      streams.add("stderr");
      if (cmd.bool("i")) {
        streams.add("stdin");
      }
    }
    long memory = cmd.integer("m");
    long memorySwap = 0;
    if (memory > 0 && !engine.capabilities().contains(Capability.SWAP_LIMIT)) {
      out.print("WARNING: Your kernel does not support swap limit capabilities. Limitation discarded.\n");
      memorySwap = -1;
    }
    List<String> rest = cmd.args();
    TreeSet<String> volumes = new TreeSet<>();
    cmd.values("v").forEach(v -> volumes.add(java.nio.file.Path.of(v).normalize().toString()));
    boolean openStdin = cmd.bool("i");
    return Config.builder()
        .hostname(cmd.string("h"))
        .user(cmd.string("u"))
        .memory(memory)
        .memorySwap(memorySwap)
        .attachStdin(streams.contains("stdin"))
        .attachStdout(streams.contains("stdout"))
        .attachStderr(streams.contains("stderr"))
        .portSpecs(nilIfEmpty(cmd.values("p")))
        .tty(cmd.bool("t"))
        .openStdin(openStdin)
        .stdinOnce(openStdin && streams.contains("stdin"))
        .env(nilIfEmpty(cmd.values("e")))
        .cmd(rest.size() > 1 ? rest.subList(1, rest.size()) : List.of())
        .dns(nilIfEmpty(cmd.values("dns")))
        .image(rest.isEmpty() ? "" : rest.get(0))
        .volumes(List.copyOf(volumes))
        .volumesFrom(cmd.string("volumes-from"))
        .build();
  }

  private static List<String> nilIfEmpty(List<String> values) {
    return values.isEmpty() ? null : values;
  }

  /** Creates the container; an image not found locally is pulled first, as the era's run did. Returns the full ID. */
  private String create(Config config) {
    try {
      if (engine.findImage(config.image()).isEmpty()) {
        out.print("Image " + config.image() + " not found, trying to pull it from registry.\r\n");
        String remote = config.image();
        String tag = "";
        int colon = remote.indexOf(':');
        if (colon >= 0) {
          tag = remote.substring(colon + 1);
          remote = remote.substring(0, colon);
        }
        engine.pull(remote, tag, "", new TextProgress(out));
      }
      return engine.containers().create(config).fullId();
    } catch (DockerException e) {
      throw new Failure(e.getMessage());
    }
  }

  /** A pull's progress as the CLI printed it: status lines ending in CRLF, progress redrawn after a CR. */
  private record TextProgress(RcliOutput out) implements ProgressSink {
    @Override
    public void status(String text) {
      out.print(text + "\r\n");
    }

    @Override
    public void progress(String action, String text) {
      out.print(action + " " + text + "\r");
    }

    @Override
    public void endOfTransfer() {
      out.print("\r\n");
    }
  }
}
