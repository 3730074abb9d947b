package io.mockdocker.internal.engine;

import io.mockdocker.internal.RegistryAccess;
import io.mockdocker.registry.Registry;
import java.util.List;
import java.util.Optional;

/**
 * The engine's operations for today's views: images named by references ({@code localhost:5000/busybox:v1}, checked
 * by the caller; no ID-prefix tricks), removal with its refusals, tag pushes, credential checks and classic builds.
 * Version-neutral: refusals are {@link RefusedByEngine}s and registry misses {@link NotInRegistry}s for the view to
 * word. A view over one {@link Engine}; holds no state of its own.
 */
public final class ImageReferences {
  private final Images images;
  private final Builds builds;
  private final Registry registry;

  ImageReferences(Images images, Builds builds, Registry registry) {
    this.images = images;
    this.builds = builds;
    this.registry = registry;
  }

  /**
   * What the registry answers for {@code repository:tag} without pulling it: the manifest's digest and size and the
   * image's architecture. An open registry makes up the image as a pull would. Throws {@link NotInRegistry} when the
   * repository or the tag is unknown.
   */
  public RemoteManifest remoteManifest(String repository, String tag) {
    RegistryAccess.synthesize(registry, repository, tag);
    java.util.Map<String, String> tags = registry.tags(repository).orElse(null);
    if (tags == null) {
      throw new NotInRegistry("HTTP code: 404", repository, tag, false);
    }
    String id = tags.get(tag);
    if (id == null) {
      throw new NotInRegistry("Tag " + tag + " not found in repository " + repository, repository, tag, true);
    }
    String architecture = registry.findImage(id).map(r -> RegistryAccess.metadata(r).architecture()).orElse("");
    return new RemoteManifest(Manifest.ofRegistry(registry, repository, tag, id), architecture);
  }

  /**
   * The manifest of {@code repository} whose digest is {@code digest}, looked for under each of its tags; empty when
   * no tag's manifest has it. Throws {@link NotInRegistry} when the repository is unknown.
   */
  public Optional<RemoteManifest> remoteManifestByDigest(String repository, String digest) {
    RegistryAccess.synthesize(registry, repository, "");
    java.util.Map<String, String> tags = registry.tags(repository).orElse(null);
    if (tags == null) {
      throw new NotInRegistry("HTTP code: 404", repository, "", false);
    }
    for (String tag : tags.keySet()) {
      RemoteManifest m = remoteManifest(repository, tag);
      if (m.manifest().digest().equals(digest)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The image {@code repository:tag} names exactly (no ID-prefix tricks), or empty. */
  public Optional<Image> tagged(String repository, String tag) {
    return images.tagged(repository, tag);
  }

  /** The image whose ID is {@code idOrPrefix} or starts with it uniquely, or empty. */
  public Optional<Image> imageById(String idOrPrefix) {
    return images.byId(idOrPrefix);
  }

  /** The image pulled or pushed as {@code repository@digest} ({@code sha256:…}), or empty. */
  public Optional<Image> byDigest(String repository, String digest) {
    return images.byDigest(repository, digest);
  }

  /** Points {@code repository:tag} at the image {@code imageId}; the caller has checked the names. */
  public void setTag(String imageId, String repository, String tag) {
    images.setTag(imageId, repository, tag);
  }

  /** {@code repository@sha256:…} for each repository the image was pulled from or pushed to. */
  public List<String> repoDigests(String imageId) {
    return images.repoDigests(imageId);
  }

  /**
   * Removes {@code repository:tag} (the image's last name also deletes it) or, with a null repository, the image
   * itself; {@code prune} deletes the parents nothing else holds. Refusals are {@link RefusedByEngine}s.
   */
  public List<Removal> removeImage(String repository, String tag, Image image, boolean force, boolean prune) {
    return images.remove(repository, tag, image, force, prune);
  }

  /**
   * Removes the digest reference {@code repository@digest} ({@code Untagged: …}); the image goes too when that was its
   * last reference. Refusals are {@link RefusedByEngine}s.
   */
  public List<Removal> removeDigest(String repository, String digest, Image image, boolean force, boolean prune) {
    return images.removeDigest(repository, digest, image, force, prune);
  }

  /** Pushes {@code repository:tag} to the registry, reporting structured events only. */
  public void pushTag(String repository, String tag, AuthConfig auth, ProgressSink sink) {
    images.pushTag(repository, tag, auth, sink);
  }

  /** Checks an account's password without registering anyone; a {@link RefusedByEngine} when wrong. */
  public void checkCredentials(AuthConfig auth) {
    Registry.Account account = RegistryAccess.account(registry, auth.username());
    if (account == null || !account.password().equals(auth.password())) {
      throw new RefusedByEngine(RefusedByEngine.Reason.BAD_CREDENTIALS, "Wrong login/password", auth.username());
    }
  }

  /**
   * Pulls {@code repository:tag} where the repository is a reference the caller has checked (a registry host such
   * as {@code localhost:5000/} allowed); otherwise as {@link Engine#pull}.
   */
  public void pullReference(String repository, String tag, ProgressSink sink) {
    images.pullReference(repository, tag, sink);
  }

  /**
   * Pulls the manifest {@code digest} ({@code sha256:…}) of a checked repository: no tag is set; the digest is added
   * to the image's {@code RepoDigests}. A digest the registry does not know is a {@link NotInRegistry} with
   * {@link NotInRegistry#tagMissing()}.
   */
  public void pullDigest(String repository, String digest, ProgressSink sink) {
    images.pullDigest(repository, digest, sink);
  }

  /**
   * Builds from a context tar (plain or compressed) that holds the Dockerfile at {@code request.dockerfile()}, by the
   * request's dialect. Returns the new image's ID; throws on failure, before or after output began.
   */
  public String build(BuildRequest request, byte[] contextTar, BuildOutput out) {
    return builds.build(request, contextTar, out);
  }
}
