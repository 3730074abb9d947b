package io.mockdocker.standalone;

import io.mockdocker.ApiProfile;
import io.mockdocker.ConnectionTimeouts;
import io.mockdocker.EraRelease;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The standalone fake daemon: {@code java -jar mock-daemon-standalone.jar [--host H] [--port P] …}. */
@Command(name = "mock-daemon", mixinStandardHelpOptions = false,
    description = "A fake Docker daemon: the Remote API v1.0-v1.2 as docker v0.4.4 served it, and (--profile "
        + "modern) the Engine API 1.24-1.50 as docker 28.2.2 serves it.")
public final class Main implements Callable<Integer> {
  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}). Any address other than a "
      + "loopback one makes the daemon reachable from other machines, and a warning is printed.",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", description = "Port to bind; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "4243")
  int port;

  @Option(names = "--fixtures", paramLabel = "FILE",
      description = "A fixtures JSON file (registry images, repositories, accounts, URLs, local images) "
          + "instead of the embedded defaults.")
  Path fixtures;

  @Option(names = "--scenario", paramLabel = "FILE|NAME",
      description = "A scenario file, or the name of a shipped scenario (see GET /_mock/scenarios): its fixtures "
          + "and behaviours are loaded at start.")
  String scenario;

  @Option(names = "--virtual-clock",
      description = "Run on a virtual clock (flowing at real speed) that POST /_mock/clock/advance?by=PT10M moves.")
  boolean virtualClock;

  @Option(names = "--profile", paramLabel = "era|modern|all",
      description = "API versions served: era = 1.0-1.2 as docker 0.4.4 (default), modern = 1.24-1.50 as docker "
          + "28.2.2, all = both.")
  String profile = "era";

  @Option(names = "--default-api", paramLabel = "VERSION",
      description = "The version a path without /vX.Y means (default: the profile's newest).")
  String defaultApi;

  @Option(names = "--no-host-binds",
      description = "Refuse host binds (-v /host:/ctr, --mount type=bind); /var/run/docker.sock stays accepted.")
  boolean noHostBinds;

  @Option(names = "--registry", paramLabel = "closed|open",
      description = "closed (the default): only what the fixtures hold pulls; open: any other reference pulls a small "
          + "made-up image with the mini shell.")
  String registry = "closed";

  @Option(names = "--header-timeout", paramLabel = "SECONDS",
      description = "Close a connection whose request line and headers take longer than this to arrive "
          + "(default: 30).")
  long headerTimeout = ConnectionTimeouts.DEFAULT.requestHead().toSeconds();

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      description = "Close a connection that stays open this long without a request, or whose request body stops "
          + "coming for this long (default: 600).")
  long idleTimeout = ConnectionTimeouts.DEFAULT.idle().toSeconds();

  @Option(names = "--rcli-port", paramLabel = "PORT", description = "Also serve the pre-Remote-API rcli protocol "
      + "(docker 0.3.2's port 4242, as docker-ruby speaks it) on this port; 0 picks a free one. Off by default.")
  Integer rcliPort;

  @Option(names = "--cors", description = "Add the CORS headers of 'docker -d -api-enable-cors'.")
  boolean cors;

  @Option(names = "--release", paramLabel = "0.3.3|0.4.0|...|0.4.4", converter = ReleaseConverter.class,
      description = "The docker release the era view plays: its API versions (0.3.3: 1.0, 0.4.0: 1.1, later: 1.2) "
          + "and behaviour (default: the scenario's, else 0.4.4).")
  EraRelease release;

  /** Reads {@code --release}; an unknown one is a usage error that lists the known releases. */
  static final class ReleaseConverter implements CommandLine.ITypeConverter<EraRelease> {
    @Override
    public EraRelease convert(String value) {
      try {
        return EraRelease.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stopped = new CountDownLatch(1);

  Main(PrintStream out) {
    this(out, System.err);
  }

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * The warning for binding {@code host}, or empty when it is a loopback address (or a name that resolves only to
   * loopback addresses, such as {@code localhost}). A wildcard ({@code 0.0.0.0}, {@code ::}), any other address, and
   * a name that does not resolve all get one: the daemon, with no authentication, would be reachable from other
   * machines.
   */
  public static java.util.Optional<String> bindWarning(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean loopback;
    try {
      java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(bare);
      loopback = addresses.length > 0
          && java.util.Arrays.stream(addresses).allMatch(java.net.InetAddress::isLoopbackAddress);
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    return loopback ? java.util.Optional.empty()
        : java.util.Optional.of("warning: listening on " + host + ", reachable from other machines");
  }

  /** Kept so that the levels stick (java.util.logging holds loggers weakly). */
  private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
      java.util.logging.Logger.getLogger("io.undertow"), java.util.logging.Logger.getLogger("org.xnio"),
      java.util.logging.Logger.getLogger("org.jboss"));

  public static void main(String[] args) {
    QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    System.exit(new CommandLine(new Main(System.out, System.err)).execute(args));
  }

  private ConnectionTimeouts timeouts() {
    try {
      return new ConnectionTimeouts(Duration.ofSeconds(headerTimeout), Duration.ofSeconds(idleTimeout));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--header-timeout and --idle-timeout take a positive number of seconds");
    }
  }

  private ApiProfile profile() {
    ApiProfile p = ApiProfile.named(profile);
    return defaultApi == null ? p : p.withDefaultVersion(defaultApi);
  }

  @Override
  public Integer call() throws Exception {
    MockDocker.Builder builder = MockDocker.builder()
        .host(host)
        .port(port)
        .fixtures(fixtures == null ? Fixtures.defaults() : Fixtures.fromJson(fixtures))
        .enableAdminApi()
        .profile(profile())
        .onRequest(request -> out.println(request.line()))
        .connectionTimeouts(timeouts());
    if (virtualClock) {
      io.mockdocker.VirtualClock clock = io.mockdocker.VirtualClock.start();
      clock.runAtSpeed(1.0);
      builder.clock(clock);
    }
    if (scenario != null) {
      builder.scenario(Scenario.fileOrName(scenario));
    }
    if (cors) {
      builder.enableCors();
    }
    if (release != null) {
      builder.release(release);
    }
    if (rcliPort != null) {
      builder.rcliPort(rcliPort);
    }
    if (noHostBinds) {
      builder.hostFiles(io.mockdocker.HostFiles.refused());
    }
    switch (registry) {
      case "open" -> builder.openRegistry();
      case "closed" -> { }
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--registry is closed or open, not " + registry);
    }
    bindWarning(host).ifPresent(warning -> {
      err.println(warning);
      err.flush();
    });
    MockDocker docker = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      docker.close();
      stopped.countDown();
    }, "mock-daemon-shutdown"));
    out.println("listening on " + docker.uri() + (profile.equals("era") && defaultApi == null ? ""
        : " (" + docker.profile().name() + " profile, default API " + docker.profile().defaultVersion() + ")"));
    docker.rcliPort().ifPresent(p -> out.println("rcli listening on " + docker.host() + ":" + p));
    out.flush();
    stopped.await();
    return 0;
  }
}
