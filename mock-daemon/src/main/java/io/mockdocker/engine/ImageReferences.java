package io.mockdocker.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's operations for today's views: images named by references ({@code localhost:5000/busybox:v1}, checked
 * by the caller; no ID-prefix tricks), removal with its refusals, tag pushes, credential checks and classic builds.
 * Version-neutral: refusals are {@link RefusedByEngine}s and registry misses {@link NotInRegistry}s for the view to
 * word. A view over one {@link Engine}; holds no state of its own.
 */
public final class ImageReferences {
  private final Engine engine;

  ImageReferences(Engine engine) {
    this.engine = engine;
  }

  /** The image {@code repository:tag} names exactly (no ID-prefix tricks), or empty. */
  public Optional<Image> tagged(String repository, String tag) {
    return Optional.ofNullable(engine.locked(() -> {
      Map<String, String> repo = engine.tags.repository(repository);
      String id = repo == null ? null : repo.get(tag);
      return id == null ? null : engine.graph.byId(id);
    }));
  }

  /** The image whose ID is {@code idOrPrefix} or starts with it uniquely, or empty. */
  public Optional<Image> imageById(String idOrPrefix) {
    return Optional.ofNullable(engine.locked(() -> engine.graph.get(idOrPrefix)));
  }

  /** Points {@code repository:tag} at the image {@code imageId}; the caller has checked the names. */
  public void setTag(String imageId, String repository, String tag) {
    engine.locked(() -> {
      engine.tags.put(repository, tag, imageId);
      return null;
    });
    engine.events.emit("image", "tag", imageId, java.util.Map.of("name", repository + ":" + tag));
  }

  /** {@code repository@sha256:…} for each repository the image was pulled from or pushed to. */
  public List<String> repoDigests(String imageId) {
    return engine.digests.of(imageId);
  }

  /**
   * Removes {@code repository:tag} (the image's last name also deletes it) or, with a null repository, the image
   * itself; {@code prune} deletes the parents nothing else holds. Refusals are {@link RefusedByEngine}s.
   */
  public List<Removal> removeImage(String repository, String tag, Image image, boolean force, boolean prune) {
    List<Removal> removals = new ImageRemoval(engine).remove(repository, tag, image, force, prune);
    for (Removal r : removals) { // untag events name the reference, delete events the image
      engine.events.emit("image", r.deleted() ? "delete" : "untag", r.deleted() || image == null ? r.value() : image.id(),
          java.util.Map.of("name", r.value()));
    }
    return removals;
  }

  /** Pushes {@code repository:tag} to the registry, reporting structured events only. */
  public void pushTag(String repository, String tag, AuthConfig auth, ProgressSink sink) {
    new TagPushOperation(engine, sink).run(repository, tag, auth);
    engine.events.emit("image", "push", repository + ":" + tag, java.util.Map.of("name", repository));
  }

  /** Checks an account's password without registering anyone; a {@link RefusedByEngine} when wrong. */
  public void checkCredentials(AuthConfig auth) {
    Registry.Account account = engine.registry.account(auth.username());
    if (account == null || !account.password().equals(auth.password())) {
      throw new RefusedByEngine(RefusedByEngine.Reason.BAD_CREDENTIALS, "Wrong login/password", auth.username());
    }
  }

  /**
   * Pulls {@code repository:tag} where the repository is a reference the caller has checked (a registry host such
   * as {@code localhost:5000/} allowed); otherwise as {@link #pull}.
   */
  public void pullReference(String repository, String tag, ProgressSink sink) {
    new PullOperation(engine, sink, true).run(repository, tag, "");
    engine.events.emit("image", "pull", tag.isEmpty() ? repository : repository + ":" + tag,
        java.util.Map.of("name", repository));
  }

  /**
   * Builds from a context tar (plain or compressed) that holds the Dockerfile at {@code request.dockerfile()}, by the
   * request's dialect. Returns the new image's ID; throws on failure, before or after output began.
   */
  public String build(BuildRequest request, byte[] contextTar, BuildOutput out) {
    Path context = engine.layers.untar(contextTar);
    try {
      Path file = context.resolve(request.dockerfile()).normalize();
      String text;
      try {
        if (!file.startsWith(context) || !java.nio.file.Files.isRegularFile(file)) {
          throw new DockerException("Cannot locate specified Dockerfile: " + request.dockerfile());
        }
        text = java.nio.file.Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!request.labels().isEmpty()) {
        StringBuilder label = new StringBuilder("\nLABEL");
        new java.util.TreeMap<>(request.labels()).forEach((k, v) -> label.append(' ').append(BuildLabels.quote(k))
            .append('=').append(BuildLabels.quote(v)));
        text = text + label + "\n";
      }
      return new BuildOperation(engine, out, context, request).build(text);
    } finally {
      engine.layers.discard(context);
    }
  }
}
