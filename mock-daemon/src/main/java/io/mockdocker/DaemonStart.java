package io.mockdocker;

import io.mockdocker.faults.Faults;
import io.mockdocker.fixtures.Fixtures;
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
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The start sequence of a {@link MockDocker}, at start and at each reset: a new engine with the fixtures, the scenarios
 * and the builder's scripts and preloads applied, the API over it, and the listeners (HTTP, and rcli when asked).
 * Keeps what it read from the builder's {@link DaemonSettings}, so later changes to the builder do not reach it.
 */
final class DaemonStart {
  private final Fixtures fixtures;
  private final List<Scenario> scenarios;
  private final List<Consumer<Engine>> setup;
  private final boolean cors;
  private final ApiProfile profile;
  private final EraRelease release;
  private final Clock clock;
  private final Registry givenRegistry;
  private final Random random;
  private final long maxBodyBytes;
  private final TarLimits tarLimits;
  private final HostFiles hostFiles;
  private final String resolvConf;
  private final boolean openRegistry;

  DaemonStart(DaemonSettings s) {
    this.fixtures = s.fixtures != null ? s.fixtures : Fixtures.defaults();
    this.scenarios = List.copyOf(s.scenarios);
    List<Consumer<Engine>> steps = new ArrayList<>(s.setup);
    String bindHost = s.host;
    steps.add(0, engine -> engine.ports().listenOn(bindHost)); // published ports listen where the daemon does
    this.setup = List.copyOf(steps);
    this.cors = s.cors;
    this.profile = s.profile;
    this.release = s.release;
    this.clock = s.clock;
    this.givenRegistry = s.registry;
    this.random = s.random;
    this.maxBodyBytes = s.maxBodyBytes;
    this.tarLimits = s.tarLimits;
    this.hostFiles = s.hostFiles;
    this.resolvConf = s.resolvConf;
    this.openRegistry = s.openRegistry || scenarios.stream().anyMatch(Scenario::opensRegistry);
  }

  /** The engine and the API over it; replaced as a whole by {@link MockDocker#reset()}. */
  record State(Engine engine, DockerApi api) {
    void close() {
      try {
        api.close();
      } finally {
        engine.close();
      }
    }
  }

  /** The HTTP listener and the rcli one ({@code null} when off). */
  record Listeners(HttpServer server, RcliServer rcli) {
    /** Closes the rcli listener, then the HTTP one, running {@code then} once its requests are cut. */
    void close(Runnable then) {
      if (rcli != null) {
        rcli.close();
      }
      server.close(then);
    }
  }

  /** A new engine with the fixtures applied, and the API over it. */
  State newState() {
    Engine.Builder builder = Engine.builder();
    if (random != null) {
      builder.random(random);
    }
    Engine engine = builder.clock(clock).registry(givenRegistry != null ? givenRegistry : new Registry())
        .tarLimits(tarLimits).hostFiles(hostFiles).version(release.name()).resolvConf(resolvConf)
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

  /**
   * Starts the listeners of {@code docker} as the settings say, serving whatever {@code state} holds at each request;
   * when one fails to start, what started is closed and the state discarded.
   */
  static Listeners listen(DaemonSettings s, MockDocker docker, Supplier<State> state) {
    HttpServer server;
    try {
      // The admin API when enabled (outside the chain: admin calls are not recorded), then the chain HandlerChain
      // documents: the version prefix, the journal, the faults (they read the view from the version), the view.
      RequestJournal journal = docker.journal();
      Clock clock = docker.clock();
      Consumer<RecordedRequest> listener = s.requestListener;
      Faults faults = docker.faults();
      HttpHandler handler = HandlerChain.of(docker.profile(),
          next -> new RequestLogHandler(next, journal, clock, listener),
          next -> FaultWiring.wrap(faults, next),
          () -> state.get().api());
      if (s.adminApi) {
        handler = new AdminHandler(docker, handler);
      }
      server = HttpServer.start(s.host, s.port, s.ioThreads, s.workerThreads, s.maxBodyBytes, s.timeouts, handler);
    } catch (RuntimeException e) {
      state.get().close();
      throw e;
    }
    try {
      RcliServer rcli = s.rcliPort < 0 ? null : RcliServer.start(s.host, s.rcliPort, () -> state.get().engine());
      return new Listeners(server, rcli);
    } catch (RuntimeException e) {
      server.close(() -> state.get().close());
      throw e;
    }
  }

  /**
   * Pulls an image silently as {@code docker pull} would: {@code repo:tag} one tag, {@code repo} every tag the
   * registry holds.
   */
  static void preload(Engine engine, String image) {
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
  static void install(Engine engine, Scenario scenario) {
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
}
