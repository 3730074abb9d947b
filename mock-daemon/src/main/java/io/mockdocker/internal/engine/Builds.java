package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds from a Dockerfile and a context tar: the era's {@code POST /build} and the classic builder of today's API. */
final class Builds {
  private final Images images;
  private final StateLock lock;
  private final TagStore tags;
  private final LayerStaging staging;
  private final ContainerStore store;
  private final ContainerRuntime runtime;
  private final Transfers transfers;

  Builds(Images images, StateLock lock, TagStore tags, LayerStaging staging, ContainerStore store,
      ContainerRuntime runtime, Transfers transfers) {
    this.images = images;
    this.lock = lock;
    this.tags = tags;
    this.staging = staging;
    this.store = store;
    this.runtime = runtime;
    this.transfers = transfers;
  }

  /** The era's build: the Dockerfile as given, an optional context tar (plain or compressed). */
  String build(String dockerfile, byte[] contextTar, BuildOutput out) {
    Path context = contextTar == null ? null : staging.untar(contextTar);
    try {
      return operation(out, context, new BuildRequest(BuildDialect.ERA, "", false, false, null)).build(dockerfile);
    } finally {
      if (context != null) {
        staging.discard(context);
      }
    }
  }

  /**
   * A build whose context tar holds the Dockerfile at {@code request.dockerfile()} (a missing {@code Dockerfile}
   * may be {@code dockerfile}), by the classic builder; the context's {@code .dockerignore} applies to ADD and COPY.
   */
  String build(BuildRequest request, byte[] contextTar, BuildOutput out) {
    Path context = staging.untar(contextTar);
    try {
      Path file = dockerfile(context, request.dockerfile());
      if (request.dockerfile().equals("Dockerfile") && !java.nio.file.Files.isRegularFile(file)) {
        file = context.resolve("dockerfile");
      }
      String text;
      try {
        if (!java.nio.file.Files.isRegularFile(file)) {
          throw new DockerException("Cannot locate specified Dockerfile: " + request.dockerfile());
        }
        // bytes that are not UTF-8 are kept as U+FFFD, as Go's string would carry them on (readString refuses them)
        text = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      DockerIgnore.apply(context);
      return new ClassicBuild(images, lock, staging, store, runtime, transfers, out, context, request).build(text);
    } finally {
      staging.discard(context);
    }
  }

  /**
   * The Dockerfile's path in the context as the daemon scoped it: the name is joined to the context's root (a leading
   * {@code /} is the root, a subdirectory is fine) and must stay inside it; {@code ../x} is {@code forbidden path
   * outside the build context: ../x ()} (the daemon's words, its resolved path empty).
   */
  private static Path dockerfile(Path context, String name) {
    String relative = name.replaceFirst("^/+", "");
    Path file = relative.isEmpty() ? context : context.resolve(relative).normalize();
    if (!file.startsWith(context)) {
      throw new DockerException("forbidden path outside the build context: " + name + " ()");
    }
    return file;
  }

  private BuildOperation operation(BuildOutput out, Path context, BuildRequest request) {
    return new BuildOperation(images, lock, tags, staging, store, runtime, transfers, out, context, request);
  }
}
