package io.mockdocker.testcontainers;

import io.mockdocker.ApiProfile;
import io.mockdocker.MockDocker;
import java.util.Objects;

/**
 * The mock-docker daemon Testcontainers uses in this JVM. Testcontainers picks its Docker once per JVM and keeps
 * that client (and its Ryuk) for the whole run, so the daemon it gets lives as long as the JVM: the one given to
 * {@link #use(MockDocker)} before Testcontainers' first container, or else one this class starts on first use
 * (modern profile, default fixtures, open registry, system clock, 127.0.0.1 and a free port), closed when the JVM
 * exits.
 *
 * <pre>{@code
 * MockDocker docker = MockDockerTestcontainers.daemon();   // the daemon behind every @Container
 * docker.script(ProcessMatch.image("postgres:16"), ProcessScript.printing("ready to accept connections\n"));
 * }</pre>
 */
public final class MockDockerTestcontainers {
  private static MockDocker daemon;
  private static boolean handedOut;

  private MockDockerTestcontainers() {}

  /**
   * Makes Testcontainers use {@code docker} (started with the modern or all profile) instead of the daemon this class
   * would start. Call it before Testcontainers' first container: afterwards Testcontainers holds its client and
   * another daemon cannot be swapped in.
   *
   * @throws IllegalStateException when Testcontainers already has its daemon, or {@code docker} does not serve the
   *     modern API
   */
  public static synchronized void use(MockDocker docker) {
    Objects.requireNonNull(docker, "docker");
    if (!docker.profile().serves("1.44")) {
      throw new IllegalStateException("Testcontainers speaks API 1.44 and later: start the daemon with "
          + "ApiProfile.modern() or ApiProfile.all(), not " + docker.profile().name());
    }
    if (handedOut && daemon != docker) {
      throw new IllegalStateException("Testcontainers already uses " + daemon + " for this JVM; call use(...) "
          + "before its first container");
    }
    daemon = docker;
  }

  /** The daemon Testcontainers talks to in this JVM, started now when none was given to {@link #use(MockDocker)}. */
  public static synchronized MockDocker daemon() {
    if (daemon == null) {
      MockDocker started = MockDocker.builder().profile(ApiProfile.modern()).openRegistry().start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "mock-docker-testcontainers-close"));
      daemon = started;
    }
    return daemon;
  }

  /** The daemon for Testcontainers' client: from now on {@link #use(MockDocker)} cannot change it. */
  static synchronized MockDocker handOut() {
    MockDocker d = daemon();
    handedOut = true;
    return d;
  }
}
