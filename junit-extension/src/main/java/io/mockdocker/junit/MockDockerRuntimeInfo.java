package io.mockdocker.junit;

import io.mockdocker.MockDocker;
import java.net.URI;
import java.util.Objects;

/**
 * Where a test's daemon listens, and its handle. Immutable. Every address is {@code http://127.0.0.1:PORT}
 * ({@link #uri()}, {@link #url()}, and what {@link DockerHost} injects), except {@link #dockerHost()}, the
 * {@code tcp://} form the {@code DOCKER_HOST} variable takes.
 */
public final class MockDockerRuntimeInfo {
  private final MockDocker docker;

  MockDockerRuntimeInfo(MockDocker docker) {
    this.docker = Objects.requireNonNull(docker);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI uri() {
    return docker.uri();
  }

  /** {@code http://127.0.0.1:PORT}, as a string. */
  public String url() {
    return docker.uri().toString();
  }

  /** {@code tcp://127.0.0.1:PORT}, for clients configured through {@code DOCKER_HOST}. */
  public String dockerHost() {
    return docker.dockerHost();
  }

  public int port() {
    return docker.port();
  }

  /** The daemon: its journal, faults, scripts, clock, waits and state. */
  public MockDocker daemon() {
    return docker;
  }

  @Override
  public String toString() {
    return "MockDockerRuntimeInfo{" + uri() + "}";
  }
}
