package io.mockdocker.internal.rcli;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.Capability;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerListing;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.HumanUnits;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.http.ConfigJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The commands of docker v0.3.2's CLI as its daemon ran them for an rcli client, over the engine: dispatch (a
 * command name in any case, {@code help}, {@code No such command: …}), each command's flags and usage text, and what
 * it printed. A {@link Failure} is the error the command returned, which the connection prints as {@code Error: …}.
 */
final class RcliCommands {
  /** The error a command returned. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** The version the commands speak as: the last release that served rcli. */
  static final String VERSION = "0.3.2";

  /** The commands v0.3.2 listed in its help, with their one-line descriptions, in its order. */
  private static final String[][] HELP = {
      {"attach", "Attach to a running container"},
      {"build", "Build a container from Dockerfile via stdin"},
      {"commit", "Create a new image from a container's changes"},
      {"diff", "Inspect changes on a container's filesystem"},
      {"export", "Stream the contents of a container as a tar archive"},
      {"history", "Show the history of an image"},
      {"images", "List images"},
      {"import", "Create a new filesystem image from the contents of a tarball"},
      {"info", "Display system-wide information"},
      {"insert", "Insert a file in an image"},
      {"inspect", "Return low-level information on a container"},
      {"kill", "Kill a running container"},
      {"login", "Register or Login to the docker registry server"},
      {"logs", "Fetch the logs of a container"},
      {"port", "Lookup the public-facing port which is NAT-ed to PRIVATE_PORT"},
      {"ps", "List containers"},
      {"pull", "Pull an image or a repository from the docker registry server"},
      {"push", "Push an image or a repository to the docker registry server"},
      {"restart", "Restart a running container"},
      {"rm", "Remove a container"},
      {"rmi", "Remove an image"},
      {"run", "Run a command in a new container"},
      {"search", "Search for an image in the docker index"},
      {"start", "Start a stopped container"},
      {"stop", "Stop a running container"},
      {"tag", "Tag an image into a repository"},
      {"version", "Show the docker version information"},
      {"wait", "Block until a container stops, then print its exit code"}};

  private interface Command {
    void run(List<String> args) throws IOException, InterruptedException;
  }

  private final Engine engine;
  private final InputStream stdin;
  private final RcliOutput out;
  private final Map<String, Command> commands = Map.ofEntries(
      Map.entry("run", this::run),
      Map.entry("ps", this::ps),
      Map.entry("inspect", this::inspect),
      Map.entry("wait", this::await),
      Map.entry("kill", this::kill),
      Map.entry("commit", this::commit),
      Map.entry("rmi", this::rmi),
      Map.entry("start", this::start),
      Map.entry("stop", args -> stopOrRestart(args, false)),
      Map.entry("restart", args -> stopOrRestart(args, true)),
      Map.entry("rm", this::rm),
      Map.entry("logs", this::logs));

  RcliCommands(Engine engine, InputStream stdin, RcliOutput out) {
    this.engine = engine;
    this.stdin = stdin;
    this.out = out;
  }

  /** Runs one call: the client's argument array. */
  void call(List<String> args) throws IOException, InterruptedException {
    GoFlags main = new GoFlags(out).usage(() -> out.print(help()));
    try {
      main.parse(args.isEmpty() ? List.of("help") : args);
    } catch (GoFlags.ParseError e) {
      throw new Failure(e.getMessage());
    }
    String name = main.arg(0).isEmpty() ? "help" : main.arg(0);
    List<String> rest = main.args().isEmpty() ? List.of() : main.args().subList(1, main.narg());
    if (name.equals("help")) {
      if (rest.isEmpty()) {
        out.print(help());
      } else {
        command(rest.get(0)).run(List.of("--help"));
      }
      return;
    }
    command(name).run(rest);
  }

  /** The command by its name (any case, as the daemon's reflection on {@code Cmd<Name>} found it). */
  private Command command(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    Command c = commands.get(key);
    if (c != null) {
      return c;
    }
    for (String[] known : HELP) {
      if (known[0].equals(key)) {
        return args -> {
          throw new Failure("mock-docker serves '" + key + "' over the Remote API only, not over rcli");
        };
      }
    }
    throw new Failure("No such command: " + name);
  }

  static String help() {
    StringBuilder sb = new StringBuilder(
        "Usage: docker COMMAND [arg...]\n\nA self-sufficient runtime for linux containers.\n\nCommands:\n");
    for (String[] c : HELP) {
      sb.append("    ").append(String.format("%-10.10s", c[0])).append(c[1]).append('\n');
    }
    return sb.toString();
  }

  /** A command's flag set, with the era's usage text: {@code \nUsage: docker NAME SIGNATURE\n\nDESCRIPTION\n\n}. */
  private GoFlags subcmd(String name, String signature, String description) {
    GoFlags flags = new GoFlags(out);
    flags.usage(() -> {
      RcliOutput o = flags.output();
      if (o != null) {
        o.print("\nUsage: docker " + name + " " + signature + "\n\n" + description + "\n\n");
        flags.printDefaults();
      }
    });
    return flags;
  }

  /**
   * Parses; false when the parse failed (its message and the usage are printed) or fewer than {@code min} arguments
   * follow the flags (the usage is printed): the command then returns without an error, as the era's did.
   */
  private static boolean parsed(GoFlags flags, List<String> args, int min) {
    try {
      flags.parse(args);
    } catch (GoFlags.ParseError e) {
      return false;
    }
    if (flags.narg() < min) {
      flags.printUsage();
      return false;
    }
    return true;
  }

  /** The container a name (a unique ID prefix) designates, as the daemon's {@code runtime.Get}; empty otherwise. */
  private Optional<Container> container(String name) {
    try {
      return Optional.of(engine.containers().inspect(name));
    } catch (DockerException e) {
      return Optional.empty();
    }
  }

  private Container requireContainer(String name) {
    return container(name).orElseThrow(() -> new Failure("No such container: " + name));
  }

  // ---- the commands docker-ruby uses

  private void await(List<String> args) {
    GoFlags cmd = subcmd("wait", "CONTAINER [CONTAINER...]", "Block until a container stops, then print its exit code.");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    for (String name : cmd.args()) {
      Container c = requireContainer(name);
      out.print(engine.containers().await(c.id()) + "\n");
    }
  }

  private void inspect(List<String> args) {
    GoFlags cmd = subcmd("inspect", "CONTAINER", "Return low-level information on a container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    String name = cmd.arg(0);
    Optional<Container> c = container(name);
    String json;
    if (c.isPresent()) {
      json = RcliJson.indented(RcliJson.container(c.get()));
    } else {
      Optional<Image> image = engine.findImage(name);
      if (image.isEmpty()) {
        return; // no output at all: the object does not exist
      }
      json = RcliJson.indented(RcliJson.image(image.get()));
    }
    out.print(json + "\n");
  }

  private void kill(List<String> args) {
    GoFlags cmd = subcmd("kill", "CONTAINER [CONTAINER...]", "Kill a running container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    for (String name : cmd.args()) {
      Container c = requireContainer(name);
      if (!c.state().running()) {
        continue; // killing a stopped container did nothing
      }
      try {
        engine.containers().kill(c.id());
      } catch (DockerException e) {
        out.print("Error killing container " + name + ": " + e.getMessage() + "\n");
      }
    }
  }

  private void rmi(List<String> args) {
    GoFlags cmd = subcmd("rmimage", "IMAGE [IMAGE...]", "Remove an image");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    for (String name : cmd.args()) {
      Image image = engine.findImage(name).orElseThrow(() -> new Failure("Image does not exist: " + name));
      try {
        engine.deleteLayer(image.id());
      } catch (DockerException e) {
        throw new Failure(e.getMessage());
      }
    }
  }

  private void ps(List<String> args) {
    GoFlags cmd = subcmd("ps", "[OPTIONS]", "List containers")
        .bool("q", "Only display numeric IDs")
        .bool("a", "Show all containers. Only running containers are shown by default.")
        .bool("notrunc", "Don't truncate output")
        .bool("l", "Show only the latest created container, include non-running ones.")
        .integer("n", -1, "Show n last created containers, include non-running ones.");
    if (!parsed(cmd, args, 0)) {
      return;
    }
    boolean quiet = cmd.bool("q");
    long last = cmd.integer("n");
    if (last == -1 && cmd.bool("l")) {
      last = 1;
    }
    int limit = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, last));
    List<ContainerListing> rows = engine.containers().list(cmd.bool("a"), limit, "", "");
    if (quiet) {
      StringBuilder sb = new StringBuilder();
      rows.forEach(row -> sb.append(row.container().shortId()).append('\n'));
      if (sb.length() > 0) {
        out.print(sb.toString());
      }
      return;
    }
    StringBuilder table = new StringBuilder("ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tCOMMENT\tPORTS\n");
    for (ContainerListing row : rows) {
      Container c = row.container();
      String command = c.command();
      if (!cmd.bool("notrunc") && command.length() > 20) {
        command = command.substring(0, 20);
      }
      table.append(c.shortId()).append('\t').append(row.image()).append('\t').append(command).append('\t')
          .append(ago(c.created())).append('\t').append(row.status()).append('\t').append("").append('\t')
          .append(c.networkSettings().portsHuman()).append('\n');
    }
    out.print(TabWriter.format(table.toString(), 12, 3));
  }

  private String ago(java.time.OffsetDateTime t) {
    return HumanUnits.duration(Duration.between(t.toInstant(), engine.clock().now())) + " ago";
  }

  private void commit(List<String> args) {
    GoFlags cmd = subcmd("commit", "[OPTIONS] CONTAINER [REPOSITORY [TAG]]", "Create a new image from a container's changes")
        .string("m", "Commit message")
        .string("author", "Author (eg. \"John Hannibal Smith <hannibal@a-team.com>\"")
        .string("run", "Config automatically applied when the image is run. "
            + "(ex: {\"Cmd\": [\"cat\", \"/world\"], \"PortSpecs\": [\"22\"]}')");
    if (!parsed(cmd, args, 0)) {
      return;
    }
    String name = cmd.arg(0);
    if (name.isEmpty()) {
      cmd.printUsage();
      return;
    }
    Config config = null;
    if (!cmd.string("run").isEmpty()) {
      try {
        config = ConfigJson.read(JsonBodies.object(cmd.string("run").getBytes(StandardCharsets.UTF_8)));
      } catch (DockerException e) {
        throw new Failure(e.getMessage());
      }
    }
    Container c = requireContainer(name);
    try {
      Image image = engine.containers().commit(c.id(), cmd.arg(1), cmd.arg(2), cmd.string("m"),
          cmd.string("author"), config);
      out.print(image.shortId() + "\n");
    } catch (DockerException e) {
      throw new Failure(e.getMessage());
    }
  }

  private void run(List<String> args) throws IOException, InterruptedException {
    GoFlags cmd = subcmd("run", "[OPTIONS] IMAGE COMMAND [ARG...]", "Run a command in a new container")
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

  // ---- the other container commands, for scripts written against the era's CLI

  private void start(List<String> args) {
    GoFlags cmd = subcmd("start", "CONTAINER [CONTAINER...]", "Start a stopped container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    for (String name : cmd.args()) {
      Container c = requireContainer(name);
      try {
        engine.containers().start(c.id());
      } catch (DockerException e) {
        throw new Failure(e.getMessage());
      }
      out.print(c.shortId() + "\n");
    }
  }

  private void stopOrRestart(List<String> args, boolean restart) {
    GoFlags cmd = restart ? subcmd("restart", "CONTAINER [CONTAINER...]", "Restart a running container")
        : subcmd("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop a running container");
    cmd.integer("t", 10, "wait t seconds before killing the container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, cmd.integer("t")));
    for (String name : cmd.args()) {
      Container c = requireContainer(name);
      try {
        if (restart) {
          engine.containers().restart(c.id(), seconds);
        } else {
          engine.containers().stop(c.id(), seconds);
        }
      } catch (DockerException e) {
        throw new Failure(e.getMessage());
      }
      out.print(c.shortId() + "\n");
    }
  }

  private void rm(List<String> args) {
    GoFlags cmd = subcmd("rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove a container")
        .bool("v", "Remove the volumes associated to the container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    for (String name : cmd.args()) {
      Container c = requireContainer(name);
      try {
        // the era's Destroy stopped a running container (10 seconds' grace) before removing it
        if (c.state().running()) {
          engine.containers().stop(c.id(), 10);
        }
        engine.containers().remove(c.id(), true, cmd.bool("v"));
      } catch (DockerException e) {
        out.print("Error destroying container " + name + ": " + e.getMessage() + "\n");
      }
    }
  }

  private void logs(List<String> args) throws IOException, InterruptedException {
    GoFlags cmd = subcmd("logs", "CONTAINER", "Fetch the logs of a container");
    if (!parsed(cmd, args, 1)) {
      return;
    }
    if (cmd.narg() > 1) {
      cmd.printUsage();
      return;
    }
    Container c = requireContainer(cmd.arg(0));
    // the whole stdout log, then the whole stderr log, on the one connection
    try (AttachHandle replay = engine.containers().prepareEraAttach(c.id(),
        new AttachOptions(true, false, false, true, true))) {
      replay.run(InputStream.nullInputStream(), (stream, bytes) -> out.write(bytes));
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
