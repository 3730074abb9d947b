package io.mockdocker;

import io.mockdocker.faults.Fault;
import io.mockdocker.faults.FaultBuilder;
import io.mockdocker.faults.FaultHandle;
import io.mockdocker.faults.Faults;
import io.mockdocker.faults.Match;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.DaemonAccess;
import io.mockdocker.internal.FaultWiring;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.registry.Registry;
import io.mockdocker.scenario.Scenario;
import io.mockdocker.script.PortMatch;
import io.mockdocker.script.PortScript;
import io.mockdocker.script.PortScriptHandle;
import io.mockdocker.script.ProcessMatch;
import io.mockdocker.script.ProcessScript;
import io.mockdocker.script.ScriptHandle;
import io.mockdocker.script.StatsScript;
import io.mockdocker.script.TransferHandle;
import io.mockdocker.script.TransferMatch;
import io.mockdocker.script.TransferScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A fake Docker daemon speaking the Remote API v1.0–v1.2 as docker v0.4.4 did, over real state: an image graph with
 * layers on an in-memory file system, tags, and a fake registry to pull from and push to.
 *
 * <pre>{@code
 * try (MockDocker docker = MockDocker.builder().start()) {
 *   URI uri = docker.uri();                 // http://127.0.0.1:<random port>
 *   // POST uri + "/v1.2/images/create?fromImage=busybox" streams a pull from the default registry
 * }
 * }</pre>
 */
public final class MockDocker implements AutoCloseable {
  static {
    DaemonAccess.install(MockDocker::engine);
  }

  private final DaemonStart startup;
  private final ApiProfile profile;
  private final EraRelease release;
  private final Clock clock;
  private final RequestJournal journal;
  private final Faults faults;
  private final List<Fault> givenFaults;
  private final DaemonStart.Listeners listeners;
  private final String host;
  private final int port;
  private volatile DaemonStart.State state;
  private boolean closed;

  private MockDocker(DaemonSettings s) {
    this.startup = new DaemonStart(s);
    this.profile = s.profile;
    this.release = s.release;
    this.clock = s.clock;
    this.journal = new RequestJournal(s.journalCapacity);
    this.givenFaults = List.copyOf(s.faults);
    this.faults = FaultWiring.create(clock, RequestLogHandler::faultFired);
    givenFaults.forEach(faults::add);
    this.state = startup.newState();
    this.listeners = DaemonStart.listen(s, this, () -> state);
    this.host = s.host;
    this.port = listeners.server().port();
  }

  /** A daemon on 127.0.0.1, a free port, with the embedded default fixtures. */
  public static MockDocker start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://HOST:PORT}; an IPv6 address is in brackets ({@code http://[::1]:PORT}). */
  public URI uri() {
    return URI.create("http://" + authority());
  }

  /** {@code tcp://HOST:PORT}, for clients configured through {@code DOCKER_HOST}; an IPv6 address is in brackets. */
  public String dockerHost() {
    return "tcp://" + authority();
  }

  private String authority() {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The port of the {@link Builder#rcliPort(int) rcli listener}; empty when it is off. */
  public OptionalInt rcliPort() {
    return listeners.rcli() == null ? OptionalInt.empty() : OptionalInt.of(listeners.rcli().port());
  }

  /** The API versions this daemon serves. */
  public ApiProfile profile() {
    return profile;
  }

  /** The docker release the era view plays ({@link EraRelease#V0_4_4} unless the builder chose another). */
  public EraRelease release() {
    return release;
  }

  /** The daemon's images, tags and containers, to read without HTTP; it reads the daemon as it is, after a reset too. */
  public DaemonState state() {
    return new DaemonState(this);
  }

  /** The engine, for the daemon's own classes (and mock-daemon's tests); a {@link #reset()} replaces it. */
  Engine engine() {
    return state.engine();
  }

  /** The fake registry that pull, push, search and login talk to. A {@link #reset()} replaces it. */
  public Registry registry() {
    return state.engine().registry();
  }

  /** The daemon's clock: real time, or the {@code VirtualClock} given to the builder. */
  public Clock clock() {
    return clock;
  }

  /** Every request the daemon answered, most recent last. */
  public RequestJournal journal() {
    return journal;
  }

  /**
   * The faults installed on this daemon, to list, remove or clear: add them with {@link #on(String, String)} or
   * {@link #fault(Fault)}. A {@link #reset()} removes them and installs again those given to the builder.
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Starts a fault for requests with this method ({@code *} for any) and path pattern (the journal's, without the
   * version prefix): {@code docker.on("POST", "/images/create").nth(2).reset()} installs it and returns its handle.
   * A {@link #reset()} removes it.
   */
  public FaultBuilder on(String method, String pathPattern) {
    return faults.on(method, pathPattern);
  }

  /** Starts a fault for these requests: {@code docker.on(Match.pull("busybox")).atProgress(0.4).reset()}. */
  public FaultBuilder on(Match match) {
    return faults.on(match);
  }

  /** Installs a fault until {@link #reset()}; {@link Builder#fault(Fault)} installs one for good. */
  public FaultHandle fault(Fault fault) {
    return faults.add(fault);
  }

  /**
   * Makes matching containers run this script instead of the built-in shell, until {@link #reset()}; the newest
   * script wins. {@link Builder#script(ProcessMatch, ProcessScript)} installs one for good.
   */
  public ScriptHandle script(ProcessMatch match, ProcessScript script) {
    return state.engine().script(match, script);
  }

  /**
   * Makes {@code stats} of matching containers report what this script says (CPU level, memory in use and its
   * limit), until {@link #reset()}; the newest matching script wins over older ones and over
   * {@link StatsScript#defaults()}. {@link Builder#script(ProcessMatch, StatsScript)} installs one for good.
   */
  public void script(ProcessMatch match, StatsScript script) {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(script, "script");
    state.engine().script(match, script);
  }

  /**
   * Paces and breaks matching transfers (pull and push layers, insert and import downloads, build steps) as the
   * script says, until {@link #reset()}; the newest matching script wins.
   * {@link Builder#script(TransferMatch, TransferScript)} installs one for good.
   */
  public TransferHandle script(TransferMatch match, TransferScript script) {
    return state.engine().script(match, script);
  }

  /**
   * Says what a connection to matching published ports gets (modern view), from the next start of a matching
   * container until {@link #reset()}; the newest matching script wins, and a port no script matches accepts and
   * holds. {@link Builder#script(PortMatch, PortScript)} installs one for good.
   */
  public PortScriptHandle script(PortMatch match, PortScript script) {
    return state.engine().ports().script(match, script);
  }

  /**
   * Pulls an image from the registry into the daemon, as {@code docker pull} would, before the code under test runs:
   * {@code busybox:latest} one tag, {@code busybox} every tag the registry holds (the era's pull). Until
   * {@link #reset()}; {@link Builder#preload(String)} preloads for good.
   *
   * @throws io.mockdocker.internal.engine.DockerException with the daemon's message when the registry has no such image
   */
  public void preload(String image) {
    DaemonStart.preload(state.engine(), image);
  }

  /**
   * Waits, within a timeout, for what the daemon does asynchronously: requests seen, pulls finished, containers
   * running or exited.
   */
  public DaemonWaits await() {
    return new DaemonWaits(this, DaemonWaits.DEFAULT_TIMEOUT);
  }

  /**
   * Installs a scenario's behaviours on the running daemon (its fixtures and release, if any, are not applied: use
   * {@link Builder#scenario(Scenario)} for that). A {@link #reset()} removes what was loaded this way.
   */
  public void load(Scenario scenario) {
    DaemonStart.install(state.engine(), scenario);
    scenario.faults().forEach(faults::add);
  }

  /**
   * Returns the daemon to its state at start, on the same address: a new engine (images, tags, containers, jimfs)
   * and a new registry, both with the fixtures applied again, and an empty journal. A registry given to
   * {@link Builder#registry(Registry)} is kept, with whatever was pushed to it. Faults are removed (releasing their
   * stalls) and those given to {@link Builder#fault(Fault)} installed again with fresh counts; the clock is not
   * touched. Call it when no request is in flight;
   * objects obtained from {@link #registry()} before the reset no longer describe the daemon.
   */
  public synchronized void reset() {
    if (closed) {
      throw new IllegalStateException("reset after close: " + this);
    }
    DaemonStart.State old = state;
    state = startup.newState();
    faults.clear();
    givenFaults.forEach(faults::add);
    journal.reset();
    old.close();
  }

  /**
   * Stops the server and discards all state, without waiting for what is running: the listener closes, simulated
   * processes end, and open connections (streams, attaches, waits) are cut. Returns within about a second.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    faults.clear();
    listeners.close(state::close);
  }

  @Override
  public String toString() {
    return "MockDocker{" + uri() + "}";
  }

  /** Configures a {@link MockDocker}. */
  public static final class Builder {
    private final DaemonSettings settings = new DaemonSettings();

    private Builder() {}

    /**
     * Also serves docker's pre-Remote-API "rcli" protocol (the CLI's arguments as a JSON line, the command's output
     * back, as docker v0.3.2 did on port 4242 and ActiveState's docker-ruby spoke it) on this port of the daemon's
     * host, over the same engine; 0 picks a free one, see {@link MockDocker#rcliPort()}. Off by default.
     */
    public Builder rcliPort(int port) {
      settings.rcliPort = DaemonSettings.checkPort("rcliPort", port);
      return this;
    }

    /**
     * Opens the registry: a pull of any reference it does not hold ({@code postgres:16}, {@code redis:7},
     * {@code ghcr.io/x/y:1}) gets a small made-up image with the mini shell, whose command sleeps until the
     * container is stopped; give it life with a process script keyed on the image name. What the fixtures hold is
     * served as before. Without this call the registry is closed: an unknown reference is {@code pull access denied}.
     */
    public Builder openRegistry() {
      settings.openRegistry = true;
      return this;
    }

    /** The address to bind; {@code 127.0.0.1} by default. */
    public Builder host(String host) {
      settings.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      settings.port = DaemonSettings.checkPort("port", port);
      return this;
    }

    /** What the registry holds and which images are local at start; {@link Fixtures#defaults()} by default. */
    public Builder fixtures(Fixtures fixtures) {
      settings.fixtures = Objects.requireNonNull(fixtures);
      return this;
    }

    /**
     * Starts (and resets) the daemon with this scenario: its fixtures, when it names any, replace the fixtures, and
     * its behaviours are installed.
     */
    public Builder scenario(Scenario scenario) {
      scenario.fixtures().ifPresent(f -> settings.fixtures = f);
      scenario.release().ifPresent(this::release);
      settings.scenarios.add(scenario);
      settings.faults.addAll(scenario.faults());
      return this;
    }

    /** Serves the admin API under {@code /_mock/} (reset, journal, scenarios); the standalone daemon does. */
    public Builder enableAdminApi() {
      settings.adminApi = true;
      return this;
    }

    /**
     * The API versions served: {@link ApiProfile#era()} (1.0–1.2, the default),
     * {@link ApiProfile#modern()} (1.24–1.50) or {@link ApiProfile#all()}.
     */
    public Builder profile(ApiProfile profile) {
      settings.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * The docker release the era view plays ({@link EraRelease#V0_4_4} by default): the API versions it serves and
     * the behaviour of that release. The modern view does not depend on it.
     */
    public Builder release(EraRelease release) {
      settings.release = Objects.requireNonNull(release, "release");
      return this;
    }

    /**
     * The text of the daemon's own {@code /etc/resolv.conf}, kept in memory: the host's is never read. Empty by
     * default. When it names a local DNS server ({@code 127.0.0.1} or {@code 127.0.1.1}), the era view of 0.4.1 and
     * later answers a create without {@code Dns} with the servers {@code 8.8.8.8} and {@code 8.8.4.4} and the warning
     * {@code Docker detected local DNS server on resolv.conf. Using default external servers: [8.8.8.8 8.8.4.4]}.
     */
    public Builder resolvConf(String text) {
      settings.resolvConf = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Adds the CORS headers of {@code docker -d -api-enable-cors} to routed responses (0.4.1 and later). */
    public Builder enableCors() {
      settings.cors = true;
      return this;
    }

    /** A fault installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder fault(Fault fault) {
      settings.faults.add(Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /** A process script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(ProcessMatch match, ProcessScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      settings.setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A stats script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(ProcessMatch match, StatsScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      settings.setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A transfer script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(TransferMatch match, TransferScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      settings.setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A port script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(PortMatch match, PortScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      settings.setup.add(engine -> engine.ports().script(match, script));
      return this;
    }

    /**
     * An image pulled from the registry at start, and again after each {@link MockDocker#reset()}, after the fixtures
     * and the scenarios: as {@link MockDocker#preload(String)}.
     */
    public Builder preload(String image) {
      Objects.requireNonNull(image, "image");
      settings.setup.add(engine -> DaemonStart.preload(engine, image));
      return this;
    }

    /**
     * The clock the daemon reads and waits on: {@link Clock#system()} by default, or a
     * {@link io.mockdocker.VirtualClock} to make scripted time pass without waiting.
     */
    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * A registry to use instead of a new, empty one for each daemon this builder starts (fixtures are added to it).
     */
    public Builder registry(Registry registry) {
      settings.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** The source of new IDs; a seeded {@link Random} gives the same IDs on every run. */
    public Builder random(Random random) {
      settings.random = Objects.requireNonNull(random);
      return this;
    }

    /** Called once for every answered request. */
    public Builder onRequest(Consumer<RecordedRequest> listener) {
      settings.requestListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Worker threads; each streaming or blocking request (pull, wait) holds one. 64 by default. */
    public Builder workerThreads(int workerThreads) {
      settings.workerThreads = DaemonSettings.checkPositive("workerThreads", workerThreads);
      return this;
    }

    /** How many of the most recent requests the {@link MockDocker#journal() journal} keeps; 10,000 by default. */
    public Builder journalCapacity(int requests) {
      settings.journalCapacity = DaemonSettings.checkPositive("journalCapacity", requests);
      return this;
    }

    /**
     * The longest request body the daemon reads; 512 MiB by default. A longer one (by its Content-Length, or as it
     * is read when chunked) is refused with {@code 500} and {@code request body too large: more than N bytes, the
     * daemon's limit} as plain text (the era knew no 413), and the connection is closed.
     */
    public Builder maxRequestBodySize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxRequestBodySize must not be negative: " + bytes);
      }
      settings.maxBodyBytes = bytes;
      return this;
    }

    /** What one tar extraction (import, pull, build context, ADD, archive PUT) may produce; {@link TarLimits#DEFAULT} by default. */
    public Builder tarLimits(TarLimits limits) {
      settings.tarLimits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * How long a request head may take to arrive, and a connection may stay open between requests or wait for more of a
     * request body; {@link ConnectionTimeouts#DEFAULT} by default.
     */
    public Builder connectionTimeouts(ConnectionTimeouts timeouts) {
      settings.timeouts = Objects.requireNonNull(timeouts);
      return this;
    }

    /**
     * Where containers' host binds ({@code -v /host/dir:/mnt}, {@code --mount type=bind}) are read from: the real
     * disk ({@link HostFiles#disk()}, the default), an in-memory tree ({@link HostFiles#memory()}), or nowhere
     * ({@link HostFiles#refused()}). Either way the daemon never writes the host.
     */
    public Builder hostFiles(HostFiles files) {
      settings.hostFiles = Objects.requireNonNull(files);
      return this;
    }

    /** Starts a daemon; a builder can start any number of independent daemons. */
    public MockDocker start() {
      return new MockDocker(settings);
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
