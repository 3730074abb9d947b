package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repositories of tags pointing at image IDs, with the daemon's lookup rules (see {@link #lookup}). Iteration is in
 * sorted order, one of the orders the daemon's random map iteration could produce. Not thread-safe; {@link Engine}
 * guards it.
 */
final class TagStore {
  static final String DEFAULT_TAG = "latest";

  private final ImageGraph graph;
  private final RepoDigests digests;
  private final TreeMap<String, TreeMap<String, String>> repositories = new TreeMap<>();

  TagStore(ImageGraph graph) {
    this(graph, new RepoDigests());
  }

  TagStore(ImageGraph graph, RepoDigests digests) {
    this.graph = graph;
    this.digests = digests;
  }

  /**
   * Resolves a name as LookupImage did: a unique ID prefix first, then {@code repo[:tag]} (tag defaults to
   * {@code latest}) where the tag is first tried as a prefix of any ID in that repository.
   *
   * @throws DockerException {@code Image does not exist: <name>} when nothing matches
   */
  Image lookup(String name) {
    Image image = resolve(name);
    if (image == null) {
      throw new DockerException("Image does not exist: " + name);
    }
    return image;
  }

  /** {@link #lookup}, with {@code null} for every failure (callers that re-word any error as "No such image"). */
  Image lookupOrNull(String name) {
    try {
      return resolve(name);
    } catch (DockerException danglingTag) {
      return null;
    }
  }

  /**
   * The image, or {@code null} when nothing matches. A tag whose image is gone (deleted through API <= 1.1) fails
   * with graph.Get's own error, {@code No such id: <64-hex>}, which LookupImage passed on unchanged.
   */
  private Image resolve(String name) {
    Image byId = graph.get(name);
    if (byId != null) {
      return byId;
    }
    Image modern = modernName(name);
    if (modern != null) {
      return modern;
    }
    String[] repoAndTag = splitRepoTag(name);
    TreeMap<String, String> repo = repositories.get(repoAndTag[0]);
    if (repo == null) {
      return null;
    }
    for (String revision : repo.values()) {
      if (revision.startsWith(repoAndTag[1])) {
        return existing(revision);
      }
    }
    String revision = repo.get(repoAndTag[1]);
    return revision == null ? null : existing(revision);
  }

  /**
   * Today's names the era had no syntax for: {@code sha256:<ID or prefix>} and {@code repository@sha256:<digest>}
   * (a digest the image was pulled or pushed under). Null for anything else.
   */
  private Image modernName(String name) {
    if (name.startsWith("sha256:") && name.length() > 7) {
      return graph.get(name.substring(7));
    }
    int at = name.indexOf('@');
    if (at > 0) {
      String repository = name.substring(0, at);
      int colon = repository.lastIndexOf(':');
      if (colon > repository.lastIndexOf('/')) {
        repository = repository.substring(0, colon); // busybox:1.36@sha256:…: the digest decides
      }
      String id = digests.imageOf(repository, name.substring(at + 1));
      return id == null ? null : graph.byId(id);
    }
    return null;
  }

  private Image existing(String revision) {
    Image image = graph.get(revision);
    if (image == null) {
      throw new DockerException("No such id: " + revision);
    }
    return image;
  }

  /** {@code name} split at its first {@code :} into repository and tag, the tag defaulting to {@code latest}. */
  static String[] splitRepoTag(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? new String[] {name, DEFAULT_TAG}
        : new String[] {name.substring(0, colon), name.substring(colon + 1)};
  }

  /** Points {@code repo:tag} at the image {@code imageName} resolves to, moving an existing tag. */
  void set(String repo, String tag, String imageName) {
    Image image = lookup(imageName);
    String t = tag == null || tag.isEmpty() ? DEFAULT_TAG : tag;
    validateRepoName(repo);
    validateTagName(t);
    repositories.computeIfAbsent(repo, k -> new TreeMap<>()).put(t, image.id());
  }

  /** Points {@code repo:tag} at the image ID, moving an existing tag; no name checks. */
  void put(String repo, String tag, String id) {
    repositories.computeIfAbsent(repo, k -> new TreeMap<>()).put(tag, id);
  }

  /**
   * Removes {@code repo:tag}, or the whole repository when {@code tag} is empty. Returns whether something was
   * removed; a missing tag of an existing repository is {@code No such tag: repo:tag}.
   */
  boolean delete(String repo, String tag) {
    TreeMap<String, String> r = repositories.get(repo);
    if (r == null) {
      return false;
    }
    if (tag.isEmpty()) {
      repositories.remove(repo);
      return true;
    }
    if (r.remove(tag) == null) {
      throw new DockerException("No such tag: " + repo + ":" + tag);
    }
    if (r.isEmpty()) {
      repositories.remove(repo);
    }
    return true;
  }

  /** The {@code repo:tag} names of each image ID, each list sorted. */
  Map<String, List<String>> byId() {
    Map<String, List<String>> byId = new HashMap<>();
    repositories.forEach((repo, tags) -> tags.forEach(
        (tag, id) -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(repo + ":" + tag)));
    byId.values().forEach(list -> list.sort(null));
    return byId;
  }

  boolean isReferenced(String id) {
    for (TreeMap<String, String> tags : repositories.values()) {
      if (tags.containsValue(id)) {
        return true;
      }
    }
    return false;
  }

  /** The alphabetically first {@code repo:tag} of the image, else its short ID (ImageName). */
  String imageName(String id) {
    List<String> names = byId().get(id);
    return names == null || names.isEmpty() ? Ids.shortId(id) : names.get(0);
  }

  /** A snapshot: repository to (tag to image ID), sorted. */
  Map<String, Map<String, String>> snapshot() {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    repositories.forEach((repo, tags) -> copy.put(repo, new TreeMap<>(tags)));
    return copy;
  }

  Map<String, String> repository(String repo) {
    TreeMap<String, String> tags = repositories.get(repo);
    return tags == null ? null : new TreeMap<>(tags);
  }

  static void validateRepoName(String name) {
    if (name == null || name.isEmpty()) {
      throw new DockerException("Repository name can't be empty");
    }
    if (name.contains(":")) {
      throw new DockerException("Illegal repository name: " + name);
    }
  }

  static void validateTagName(String name) {
    if (name.isEmpty()) {
      throw new DockerException("Tag name can't be empty");
    }
    if (name.contains("/") || name.contains(":")) {
      throw new DockerException("Illegal tag name: " + name);
    }
  }
}
