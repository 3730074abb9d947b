package io.mockdocker;

import io.mockdocker.faults.Fault;
import io.mockdocker.faults.FaultBuilder;
import io.mockdocker.faults.FaultHandle;
import io.mockdocker.faults.Faults;
import io.mockdocker.faults.Match;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.internal.DaemonAccess;
import io.mockdocker.internal.FaultWiring;
import io.mockdocker.internal.HttpServer;
import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.ProgressSink;
import io.mockdocker.internal.http.DockerApi;
import io.mockdocker.internal.http.HandlerChain;
import io.mockdocker.internal.rcli.RcliServer;
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
import io.undertow.server.HttpHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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

  private final Fixtures fixtures;
  private final boolean cors;
  private final ApiProfile profile;
  private final EraRelease release;
  private final Clock clock;
  private final Registry givenRegistry;
  private final Random random;
  private final RequestJournal journal;
  private final Faults faults;
  private final List<Fault> givenFaults;
  private final HttpServer server;
  private final RcliServer rcli;
  private final String host;
  private final int port;
  private final List<Scenario> scenarios;
  private final List<Consumer<Engine>> setup;
  private final long maxBodyBytes;
  private final TarLimits tarLimits;
  private final HostFiles hostFiles;
  private final String resolvConf;
  private final boolean openRegistry;
  private volatile State state;
  private boolean closed;

  /** The engine and the API over it; replaced as a whole by {@link #reset()}. */
  private record State(Engine engine, DockerApi api) {
    void close() {
      try {
        api.close();
      } finally {
        engine.close();
      }
    }
  }

  private MockDocker(Builder b) {
    this.fixtures = b.fixtures != null ? b.fixtures : Fixtures.defaults();
    this.scenarios = List.copyOf(b.scenarios);
    List<Consumer<Engine>> steps = new ArrayList<>(b.setup);
    String bindHost = b.host;
    steps.add(0, engine -> engine.ports().listenOn(bindHost)); // published ports listen where the daemon does
    this.setup = List.copyOf(steps);
    this.cors = b.cors;
    this.profile = b.profile;
    this.release = b.release;
    this.clock = b.clock;
    this.givenRegistry = b.registry;
    this.random = b.random;
    this.journal = new RequestJournal(b.journalCapacity);
    this.givenFaults = List.copyOf(b.faults);
    this.faults = FaultWiring.create(clock, RequestLogHandler::faultFired);
    givenFaults.forEach(faults::add);
    this.maxBodyBytes = b.maxBodyBytes;
    this.tarLimits = b.tarLimits;
    this.hostFiles = b.hostFiles;
    this.resolvConf = b.resolvConf;
    this.openRegistry = b.openRegistry || scenarios.stream().anyMatch(Scenario::opensRegistry);
    this.state = newState();
    try {
      // The admin API when enabled (outside the chain: admin calls are not recorded), then the chain HandlerChain
      // documents: the version prefix, the journal, the faults (they read the view from the version), the view.
      HttpHandler handler = HandlerChain.of(profile,
          next -> new RequestLogHandler(next, journal, clock, b.requestListener),
          next -> FaultWiring.wrap(faults, next),
          () -> state.api());
      if (b.adminApi) {
        handler = new AdminHandler(this, handler);
      }
      this.server = HttpServer.start(b.host, b.port, b.ioThreads, b.workerThreads, b.maxBodyBytes, b.timeouts,
          handler);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
    try {
      this.rcli = b.rcliPort < 0 ? null : RcliServer.start(b.host, b.rcliPort, () -> state.engine());
    } catch (RuntimeException e) {
      server.close(state::close);
      throw e;
    }
    this.host = b.host;
    this.port = server.port();
  }

  /** A new engine with the fixtures applied, and the API over it. */
  private State newState() {
    Engine engine = Engine.builder().clock(clock).registry(givenRegistry != null ? givenRegistry : new Registry())
        .random(random).tarLimits(tarLimits).hostFiles(hostFiles).version(release.name()).resolvConf(resolvConf)
        .build();
    try {
      if (openRegistry) {
        RegistryAccess.open(engine.registry());
      }
      fixtures.applyTo(engine.registry());
      fixtures.local().forEach(name -> pullFixture(engine, name));
      scenarios.forEach(scenario -> install(engine, scenario));
      setup.forEach(step -> step.accept(engine));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new State(engine, DockerApi.create(engine, cors, maxBodyBytes, profile, release.features()));
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
    return rcli == null ? OptionalInt.empty() : OptionalInt.of(rcli.port());
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
    preload(state.engine(), image);
  }

  private static void preload(Engine engine, String image) {
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > image.lastIndexOf('/');
    engine.pull(tagged ? image.substring(0, colon) : image, tagged ? image.substring(colon + 1) : "", "",
        ProgressSink.NONE);
  }

  /** Pulls a fixture's local name silently: {@code repo} (every tag) or {@code repo:tag}, split at its first colon. */
  private static void pullFixture(Engine engine, String name) {
    int colon = name.indexOf(':');
    engine.pullPacked(colon < 0 ? name : name.substring(0, colon), colon < 0 ? "" : name.substring(colon + 1));
  }

  /** Installs a scenario's process, transfer, port and stats scripts on an engine (its faults go to the daemon's). */
  private static void install(Engine engine, Scenario scenario) {
    for (Scenario.Rule rule : scenario.processes()) {
      engine.script(rule.match(), rule.script());
    }
    for (Scenario.Transfer transfer : scenario.transfers()) {
      engine.script(transfer.match(), transfer.script());
    }
    for (Scenario.Port port : scenario.ports()) {
      engine.ports().script(port.match(), port.script());
    }
    for (Scenario.Stats stats : scenario.stats()) {
      engine.script(stats.match(), stats.script());
    }
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
    install(state.engine(), scenario);
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
    State old = state;
    state = newState();
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
    if (rcli != null) {
      rcli.close();
    }
    server.close(state::close);
  }

  @Override
  public String toString() {
    return "MockDocker{" + uri() + "}";
  }

  /** Configures a {@link MockDocker}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Fixtures fixtures;  // null: Fixtures.defaults(), read only by a daemon that needs them
    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<Consumer<Engine>> setup = new ArrayList<>();
    private boolean cors;
    private ApiProfile profile = ApiProfile.era();
    private EraRelease release = EraRelease.defaultRelease();
    private boolean adminApi;
    private Clock clock = Clock.system();
    private Registry registry;
    private Random random = new java.security.SecureRandom();
    private Consumer<RecordedRequest> requestListener = entry -> {};
    private int ioThreads = 1;
    private int workerThreads = 64;
    private int journalCapacity = RequestJournal.DEFAULT_CAPACITY;
    private final List<Fault> faults = new ArrayList<>();
    private long maxBodyBytes = DockerApi.DEFAULT_MAX_BODY_BYTES;
    private TarLimits tarLimits = TarLimits.DEFAULT;
    private ConnectionTimeouts timeouts = ConnectionTimeouts.DEFAULT;
    private HostFiles hostFiles = HostFiles.disk();
    private String resolvConf = "";
    private boolean openRegistry;
    private int rcliPort = -1;

    private Builder() {}

    /**
     * Also serves docker's pre-Remote-API "rcli" protocol (the CLI's arguments as a JSON line, the command's output
     * back, as docker v0.3.2 did on port 4242 and ActiveState's docker-ruby spoke it) on this port of the daemon's
     * host, over the same engine; 0 picks a free one, see {@link MockDocker#rcliPort()}. Off by default.
     */
    public Builder rcliPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("rcliPort out of range: " + port);
      }
      this.rcliPort = port;
      return this;
    }

    /**
     * Opens the registry: a pull of any reference it does not hold ({@code postgres:16}, {@code redis:7},
     * {@code ghcr.io/x/y:1}) gets a small made-up image with the mini shell, whose command sleeps until the
     * container is stopped; give it life with a process script keyed on the image name. What the fixtures hold is
     * served as before. Without this call the registry is closed: an unknown reference is {@code pull access denied}.
     */
    public Builder openRegistry() {
      this.openRegistry = true;
      return this;
    }

    /** The address to bind; {@code 127.0.0.1} by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** What the registry holds and which images are local at start; {@link Fixtures#defaults()} by default. */
    public Builder fixtures(Fixtures fixtures) {
      this.fixtures = Objects.requireNonNull(fixtures);
      return this;
    }

    /**
     * Starts (and resets) the daemon with this scenario: its fixtures, when it names any, replace the fixtures, and
     * its behaviours are installed.
     */
    public Builder scenario(Scenario scenario) {
      scenario.fixtures().ifPresent(f -> this.fixtures = f);
      scenario.release().ifPresent(this::release);
      scenarios.add(scenario);
      faults.addAll(scenario.faults());
      return this;
    }

    /** Serves the admin API under {@code /_mock/} (reset, journal, scenarios); the standalone daemon does. */
    public Builder enableAdminApi() {
      this.adminApi = true;
      return this;
    }

    /**
     * The API versions served: {@link ApiProfile#era()} (1.0–1.2, the default),
     * {@link ApiProfile#modern()} (1.24–1.50) or {@link ApiProfile#all()}.
     */
    public Builder profile(ApiProfile profile) {
      this.profile = java.util.Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * The docker release the era view plays ({@link EraRelease#V0_4_4} by default): the API versions it serves and
     * the behaviour of that release. The modern view does not depend on it.
     */
    public Builder release(EraRelease release) {
      this.release = Objects.requireNonNull(release, "release");
      return this;
    }

    /**
     * The text of the daemon's own {@code /etc/resolv.conf}, kept in memory: the host's is never read. Empty by
     * default. When it names a local DNS server ({@code 127.0.0.1} or {@code 127.0.1.1}), the era view of 0.4.1 and
     * later answers a create without {@code Dns} with the servers {@code 8.8.8.8} and {@code 8.8.4.4} and the warning
     * {@code Docker detected local DNS server on resolv.conf. Using default external servers: [8.8.8.8 8.8.4.4]}.
     */
    public Builder resolvConf(String text) {
      this.resolvConf = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Adds the CORS headers of {@code docker -d -api-enable-cors} to routed responses (0.4.1 and later). */
    public Builder enableCors() {
      this.cors = true;
      return this;
    }

    /** A fault installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder fault(Fault fault) {
      this.faults.add(Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /** A process script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(ProcessMatch match, ProcessScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A stats script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(ProcessMatch match, StatsScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A transfer script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(TransferMatch match, TransferScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      setup.add(engine -> engine.script(match, script));
      return this;
    }

    /** A port script installed at start, and again after each {@link MockDocker#reset()}. */
    public Builder script(PortMatch match, PortScript script) {
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(script, "script");
      setup.add(engine -> engine.ports().script(match, script));
      return this;
    }

    /**
     * An image pulled from the registry at start, and again after each {@link MockDocker#reset()}, after the fixtures
     * and the scenarios: as {@link MockDocker#preload(String)}.
     */
    public Builder preload(String image) {
      Objects.requireNonNull(image, "image");
      setup.add(engine -> MockDocker.preload(engine, image));
      return this;
    }

    /**
     * The clock the daemon reads and waits on: {@link Clock#system()} by default, or a
     * {@link io.mockdocker.VirtualClock} to make scripted time pass without waiting.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * A registry to use instead of a new, empty one for each daemon this builder starts (fixtures are added to it).
     */
    public Builder registry(Registry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** The source of new IDs; a seeded {@link Random} gives the same IDs on every run. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** Called once for every answered request. */
    public Builder onRequest(Consumer<RecordedRequest> listener) {
      this.requestListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Worker threads; each streaming or blocking request (pull, wait) holds one. 64 by default. */
    public Builder workerThreads(int workerThreads) {
      if (workerThreads < 1) {
        throw new IllegalArgumentException("workerThreads must be positive: " + workerThreads);
      }
      this.workerThreads = workerThreads;
      return this;
    }

    /** How many of the most recent requests the {@link MockDocker#journal() journal} keeps; 10,000 by default. */
    public Builder journalCapacity(int requests) {
      if (requests < 1) {
        throw new IllegalArgumentException("journalCapacity must be positive: " + requests);
      }
      this.journalCapacity = requests;
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
      this.maxBodyBytes = bytes;
      return this;
    }

    /** What one tar extraction (import, pull, build context, ADD, archive PUT) may produce; {@link TarLimits#DEFAULT} by default. */
    public Builder tarLimits(TarLimits limits) {
      this.tarLimits = Objects.requireNonNull(limits);
      return this;
    }

    /**
     * How long a request head may take to arrive, and a connection may stay open between requests or wait for more of a
     * request body; {@link ConnectionTimeouts#DEFAULT} by default.
     */
    public Builder connectionTimeouts(ConnectionTimeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts);
      return this;
    }

    /**
     * Where containers' host binds ({@code -v /host/dir:/mnt}, {@code --mount type=bind}) are read from: the real
     * disk ({@link HostFiles#disk()}, the default), an in-memory tree ({@link HostFiles#memory()}), or nowhere
     * ({@link HostFiles#refused()}). Either way the daemon never writes the host.
     */
    public Builder hostFiles(HostFiles files) {
      this.hostFiles = Objects.requireNonNull(files);
      return this;
    }

    /** Starts a daemon; a builder can start any number of independent daemons. */
    public MockDocker start() {
      return new MockDocker(this);
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
