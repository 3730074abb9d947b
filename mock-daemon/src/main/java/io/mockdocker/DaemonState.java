package io.mockdocker;

import io.mockdocker.internal.engine.DockerException;
import io.mockdocker.internal.engine.Engine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon holds, read without HTTP, for a test's assertions: its images, tags and containers, as immutable
 * copies. Each call reads the daemon as it is now (after a {@link MockDocker#reset()} too); obtain it from {@link
 * MockDocker#state()}. Thread-safe.
 */
public final class DaemonState {
  private final MockDocker docker;

  DaemonState(MockDocker docker) {
    this.docker = docker;
  }

  /** The image a name resolves to ({@code repo}, {@code repo:tag}, an ID or a unique ID prefix), as the daemon would. */
  public Optional<ImageInfo> image(String name) {
    Objects.requireNonNull(name, "name");
    Engine engine = docker.engine();
    return engine.findImage(name).map(image -> ImageInfo.of(image, engine.namesById().get(image.id())));
  }

  /** Every local image, tagged or not, intermediate layers too. */
  public List<ImageInfo> images() {
    Engine engine = docker.engine();
    Map<String, List<String>> names = engine.namesById();
    return engine.allImages().stream().map(image -> ImageInfo.of(image, names.get(image.id()))).toList();
  }

  /** Repository name to (tag to image ID), sorted. */
  public Map<String, Map<String, String>> repositories() {
    return docker.engine().repositories();
  }

  /** The container a name or ID prefix resolves to, as the daemon would. */
  public Optional<ContainerInfo> container(String name) {
    Objects.requireNonNull(name, "name");
    try {
      return Optional.of(ContainerInfo.of(docker.engine().containers().inspect(name)));
    } catch (DockerException e) {
      return Optional.empty();
    }
  }

  /** Every container, running or not, newest first. */
  public List<ContainerInfo> containers() {
    return docker.engine().containers().all().stream().map(ContainerInfo::of).toList();
  }

  @Override
  public String toString() {
    return "DaemonState{" + repositories().keySet() + ", " + containers().size() + " containers}";
  }
}
