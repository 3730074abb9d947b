package io.mockdocker.internal.rcli;

import io.mockdocker.internal.engine.AttachHandle;
import io.mockdocker.internal.engine.AttachOptions;
import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ConfigJson;
import io.mockdocker.internal.http.JsonBodies;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
  private final RcliOutput out;
  private final Map<String, Command> commands;

  RcliCommands(Engine engine, InputStream stdin, RcliOutput out) {
    this.engine = engine;
    this.out = out;
    RcliListing listing = new RcliListing(engine, out);
    this.commands = Map.ofEntries(
        Map.entry("run", new RcliRun(engine, stdin, out)::run),
        Map.entry("ps", listing::ps),
        Map.entry("inspect", listing::inspect),
        Map.entry("wait", this::await),
        Map.entry("kill", this::kill),
        Map.entry("commit", this::commit),
        Map.entry("rmi", this::rmi),
        Map.entry("start", this::start),
        Map.entry("stop", args -> stopOrRestart(args, false)),
        Map.entry("restart", args -> stopOrRestart(args, true)),
        Map.entry("rm", this::rm),
        Map.entry("logs", this::logs));
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
    return subcmd(out, name, signature, description);
  }

  /** {@link #subcmd(String, String, String)} printing to {@code out}: for the commands in their own classes. */
  static GoFlags subcmd(RcliOutput out, String name, String signature, String description) {
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
  static boolean parsed(GoFlags flags, List<String> args, int min) {
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
    return container(engine, name);
  }

  /** {@link #container(String)} on {@code engine}. */
  static Optional<Container> container(Engine engine, String name) {
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
}
