package io.mockdocker.scenario;

import io.mockdocker.EraRelease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockdocker.EraRelease;
import io.mockdocker.faults.Fault;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.StatsScript;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A named, documented set of behaviours for a daemon: its fixtures (optional), scripted container processes,
 * HTTP faults, transfer scripts and port scripts. Read from JSON (see docs/standalone.md), from a file, or by name from the
 * scenarios shipped in the jar ({@code /io/mockdocker/scenarios/<name>.json}).
 *
 * <pre>{@code
 * {"name": "container-crash-loop", "description": "…",
 *  "fixtures": "defaults" | "none" | { …fixtures JSON… },
 *  "registry": "closed" | "open",
 *  "release": "0.4.0",
 *  "processes": [ {"match": {"image": "busybox"}, "steps": [{"sleep": "PT2S"}, {"exit": 1}]} ],
 *  "ports": [ {"match": {"image": "nginx", "port": "80"}, "httpReply": {"status": 200, "body": "hi"}} ],
 *  "stats": [ {"match": {"image": "worker"}, "cpuPercent": 85,
 *              "memoryClimbing": {"from": 67108864, "to": 536870912, "perSecond": 16777216}} ]}
 * }</pre>
 */
public final class Scenario {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RESOURCES = "/io/mockdocker/scenarios/";

  private final String name;
  private final String description;
  private final Fixtures fixtures;
  private final boolean openRegistry;
  private final EraRelease release;
  private final List<Rule> processes;
  private final List<Fault> faults;
  private final List<Transfer> transfers;
  private final List<Port> ports;
  private final List<Stats> stats;

  /** A transfer script: which transfers, and how they go. */
  public record Transfer(TransferMatch match, TransferScript script) {}

  /** A scripted process: which containers, and what their process does. */
  public record Rule(ProcessMatch match, ProcessScript script) {}

  /** A port script: which published ports, and what a connection to them gets. */
  public record Port(PortMatch match, PortScript script) {}

  /** Scripted stats: which containers, and what their stats report. */
  public record Stats(ProcessMatch match, StatsScript script) {}

  private Scenario(String name, String description, Fixtures fixtures, List<Rule> processes, List<Fault> faults,
      List<Transfer> transfers, List<Port> ports, List<Stats> stats, boolean openRegistry, EraRelease release) {
    this.openRegistry = openRegistry;
    this.release = release;
    this.name = name;
    this.description = description;
    this.fixtures = fixtures;
    this.processes = List.copyOf(processes);
    this.faults = List.copyOf(faults);
    this.transfers = List.copyOf(transfers);
    this.ports = List.copyOf(ports);
    this.stats = List.copyOf(stats);
  }

  public static Scenario fromJson(String json) {
    try {
      return parse(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("a scenario is not valid JSON: " + e.getMessage(), e);
    }
  }

  public static Scenario fromJson(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A scenario shipped with mock-docker, by name (see {@link #names()}). */
  public static Scenario named(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("not a scenario name: " + name);
    }
    try (InputStream in = Scenario.class.getResourceAsStream(RESOURCES + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario named " + name + "; known: " + names());
      }
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file path if one exists, else a shipped scenario's name (the standalone's {@code --scenario FILE|NAME}). */
  public static Scenario fileOrName(String fileOrName) throws IOException {
    Path path = Path.of(fileOrName);
    return Files.isRegularFile(path) ? fromJson(path) : named(fileOrName);
  }

  /** The names of the shipped scenarios. */
  public static List<String> names() {
    try (InputStream in = Scenario.class.getResourceAsStream(RESOURCES + "index.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Scenario parse(JsonNode json) throws IOException {
    Fixtures fixtures = null;
    JsonNode f = json.get("fixtures");
    if (f != null && f.isTextual()) {
      fixtures = switch (f.asText()) {
        case "defaults" -> Fixtures.defaults();
        case "none" -> Fixtures.none();
        default -> throw new IllegalArgumentException("fixtures is \"defaults\", \"none\" or an object: " + f);
      };
    } else if (f != null && f.isObject()) {
      fixtures = Fixtures.fromJson(MAPPER.writeValueAsString(f));
    }
    List<Rule> rules = new ArrayList<>();
    for (JsonNode p : json.path("processes")) {
      rules.add(new Rule(ScriptJson.match(p), ScriptJson.script(p)));
    }
    List<Fault> faults = new ArrayList<>();
    for (JsonNode f2 : json.path("faults")) {
      faults.add(FaultJson.fault(f2));
    }
    List<Transfer> transfers = new ArrayList<>();
    for (JsonNode t : json.path("transfers")) {
      transfers.add(new Transfer(FaultJson.transferMatch(t.path("match")), FaultJson.transferScript(t)));
    }
    List<Port> ports = new ArrayList<>();
    for (JsonNode p : json.path("ports")) {
      ports.add(new Port(ScriptJson.portMatch(p), ScriptJson.portScript(p)));
    }
    List<Stats> stats = new ArrayList<>();
    for (JsonNode st : json.path("stats")) {
      stats.add(new Stats(ScriptJson.match(st), ScriptJson.stats(st)));
    }
    String registry = json.path("registry").asText("closed");
    if (!registry.equals("open") && !registry.equals("closed")) {
      throw new IllegalArgumentException("registry is \"open\" or \"closed\": " + json.get("registry"));
    }
    return new Scenario(json.path("name").asText("unnamed"), json.path("description").asText(""), fixtures, rules,
        faults, transfers, ports, stats, registry.equals("open"),
        json.hasNonNull("release") ? EraRelease.of(json.get("release").asText()) : null);
  }

  public String name() {
    return name;
  }

  /**
   * Whether the scenario says {@code "registry": "open"}: a daemon started with it opens its registry, as
   * {@code MockDocker.Builder.openRegistry()} does ({@code "closed"}, the default, leaves it closed).
   */
  public boolean opensRegistry() {
    return openRegistry;
  }

  /** The docker release the scenario asks for ({@code "release": "0.4.0"}), which the daemon then plays. */
  public Optional<EraRelease> release() {
    return Optional.ofNullable(release);
  }

  public String description() {
    return description;
  }

  /** The fixtures this scenario starts from, if it names any. */
  public Optional<Fixtures> fixtures() {
    return Optional.ofNullable(fixtures);
  }

  public List<Rule> processes() {
    return processes;
  }

  /** The HTTP faults; the daemon installs them (they act on requests, outside the engine). */
  public List<Fault> faults() {
    return faults;
  }

  public List<Transfer> transfers() {
    return transfers;
  }

  /** What connections to published ports get. */
  public List<Port> ports() {
    return ports;
  }

  /** The stats scripts, oldest first (the newest matching one wins). */
  public List<Stats> stats() {
    return stats;
  }

  @Override
  public String toString() {
    return "Scenario{" + name + "}";
  }
}
