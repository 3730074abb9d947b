package io.mockdocker.testcontainers;

import io.mockdocker.MockDocker;
import java.net.URI;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Testcontainers' way to the mock-docker daemon of this JVM ({@link MockDockerTestcontainers#daemon()}), found by
 * Testcontainers through {@code ServiceLoader}. Its priority is above every strategy Testcontainers ships (the Unix
 * socket, Docker Desktop, rootless), so with this module on the test classpath no real Docker is tried. It is never
 * persisted: Testcontainers does not write it to {@code ~/.testcontainers.properties}. It ignores
 * {@code TESTCONTAINERS_HOST_OVERRIDE} and {@code TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE}: the daemon listens on
 * loopback.
 *
 * <p>Testcontainers still tries two things first, by its own rule: a {@code DOCKER_HOST} (environment, or
 * {@code docker.host} in {@code ~/.testcontainers.properties}) or {@code tc.host}, and a {@code docker.client.strategy}
 * recorded in {@code ~/.testcontainers.properties} by an earlier run against a real Docker. docs/testcontainers.md
 * says how a build keeps them away.
 */
public final class MockDockerClientProviderStrategy extends DockerClientProviderStrategy {
  /** Above Testcontainers' own strategies (the highest, for the environment, is 100). */
  public static final int PRIORITY = 1000;

  @Override
  public String getDescription() {
    return "mock-docker daemon in this JVM at " + MockDockerTestcontainers.daemon().dockerHost();
  }

  @Override
  public TransportConfig getTransportConfig() {
    MockDocker daemon = MockDockerTestcontainers.handOut();
    return TransportConfig.builder().dockerHost(URI.create(daemon.dockerHost())).build();
  }

  @Override
  protected boolean isApplicable() {
    return true;
  }

  @Override
  protected boolean isPersistable() {
    return false;
  }

  @Override
  public boolean allowUserOverrides() {
    return false;
  }

  @Override
  public String getRemoteDockerUnixSocketPath() {
    return "/var/run/docker.sock";
  }

  @Override
  protected int getPriority() {
    return PRIORITY;
  }
}
