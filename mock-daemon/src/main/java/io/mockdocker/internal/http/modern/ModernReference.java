package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.engine.Engine;
import io.mockdocker.internal.engine.Image;
import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.ModernNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as today's clients send it: {@code busybox}, {@code busybox:1}, {@code docker.io/library/busybox},
 * {@code localhost:5000/busybox:v1}. The repository is kept in its familiar form (no {@code docker.io/library/}), which
 * is also how the engine and the fake registry key it; a registry host stays part of the name.
 */
record ModernReference(String repository, String tag, String digest) {
  static final String DEFAULT_TAG = "latest";
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern HOST = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

  /** A reference by tag. */
  ModernReference(String repository, String tag) {
    this(repository, tag, "");
  }

  /** {@code repository:tag}, e.g. {@code busybox:latest}; a reference by digest is {@code busybox@sha256:…}. */
  String familiar() {
    return digest.isEmpty() ? repository + ":" + tag : repository + "@" + digest;
  }

  /** Whether this reference names a manifest digest rather than a tag. */
  boolean byDigest() {
    return !digest.isEmpty();
  }

  /** The path of the repository without a registry host, with {@code library/} for official images. */
  String path() {
    int slash = repository.indexOf('/');
    if (slash < 0) {
      return "library/" + repository;
    }
    return hasHost(repository) ? repository.substring(slash + 1) : repository;
  }

  /** The fully qualified repository name, e.g. {@code docker.io/library/busybox} or {@code localhost:5000/busybox}. */
  String qualified() {
    return hasHost(repository) ? repository : "docker.io/" + path();
  }

  /** Parses a name with an optional tag; the tag defaults to {@code latest}. Invalid names are a 400. */
  static ModernReference parse(String name) {
    return parse(name, "");
  }

  /** Parses a name; a non-empty {@code tag} replaces any tag in the name. */
  static ModernReference parse(String name, String tag) {
    String ref = strip(name);
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    String repository = colon > slash ? ref.substring(0, colon) : ref;
    String inName = colon > slash ? ref.substring(colon + 1) : "";
    String t = tag != null && !tag.isEmpty() ? tag : inName.isEmpty() ? DEFAULT_TAG : inName;
    if (!validRepository(repository)) {
      throw new ApiError(400, "invalid reference format" + (repository.equals(repository.toLowerCase())
          ? "" : ": repository name (" + repository + ") must be lowercase"));
    }
    if (!TAG.matcher(t).matches()) {
      throw new ApiError(400, "invalid tag format");
    }
    return new ModernReference(repository, t);
  }

  /**
   * Parses a name that may name a manifest digest, as pulls and lookups accept: {@code busybox@sha256:<64 hex>}
   * (a tag before the digest is ignored, as the daemon ignored it), or a {@code tag} parameter that is a digest.
   * A malformed digest is {@code invalid reference format}.
   */
  static ModernReference parseWithDigest(String name, String tag) {
    int at = name.indexOf('@');
    String digest = at < 0 ? "" : name.substring(at + 1);
    if (at < 0 && tag != null && DIGEST.matcher(tag).matches()) {
      digest = tag;
    }
    if (at < 0 && digest.isEmpty()) {
      return parse(name, tag);
    }
    if (!DIGEST.matcher(digest).matches()) {
      throw new ApiError(400, "invalid reference format");
    }
    ModernReference named = parse(at < 0 ? name : name.substring(0, at));
    return new ModernReference(named.repository(), named.tag(), digest);
  }

  /** Drops {@code docker.io/library/} and its variants. */
  static String strip(String name) {
    return ModernNames.repository(name);
  }

  static boolean validRepository(String repository) {
    if (repository.isEmpty() || repository.length() > 255) {
      return false;
    }
    String[] parts = repository.split("/", -1);
    int first = 0;
    if (parts.length > 1 && hasHost(repository)) {
      if (!HOST.matcher(parts[0]).matches()) {
        return false;
      }
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      if (!COMPONENT.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the name's first component is a registry host: it has a dot or a port, or is {@code localhost}. */
  static boolean hasHost(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = name.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  /**
   * Resolves a name as the daemon's image lookup does: {@code sha256:<hex>} or a hex ID prefix first, then a
   * reference. Returns the image, or empty.
   */
  static Optional<Image> resolve(Engine engine, String name) {
    if (name.startsWith("sha256:")) {
      String hex = name.substring("sha256:".length());
      return HEX.matcher(hex).matches() ? engine.references().imageById(hex) : Optional.empty();
    }
    if (HEX.matcher(name).matches()) {
      Optional<Image> byId = engine.references().imageById(name);
      if (byId.isPresent()) {
        return byId;
      }
    }
    ModernReference ref;
    try {
      ref = parseWithDigest(name, "");
    } catch (ApiError invalid) {
      return Optional.empty();
    }
    return ref.byDigest() ? engine.references().byDigest(ref.repository(), ref.digest())
        : engine.references().tagged(ref.repository(), ref.tag());
  }

  /** The image a name resolves to, else 404 {@code No such image: <familiar ref>}. */
  static Image require(Engine engine, String name) {
    return resolve(engine, name).orElseThrow(() -> new ApiError(404, "No such image: " + familiarOf(name)));
  }

  /** The name as the daemon prints it in {@code No such image}: a reference gets its tag, an ID stays. */
  static String familiarOf(String name) {
    if (name.startsWith("sha256:") || HEX.matcher(name).matches() && name.length() == 64) {
      return name;
    }
    try {
      return parseWithDigest(name, "").familiar();
    } catch (ApiError invalid) {
      return name;
    }
  }
}
