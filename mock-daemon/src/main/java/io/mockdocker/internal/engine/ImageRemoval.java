package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removing an image by a {@code repository:tag} reference or by ID, as today's daemon does: a reference that is not
 * the image's last is only untagged; the last one (or an ID) untags every name and its digests, deletes the image and,
 * unless told not to, its parents that nothing else holds. Refusals are {@link RefusedByEngine}s for the view to word.
 */
final class ImageRemoval {
  private final StateLock lock;
  private final ImageGraph graph;
  private final TagStore tags;
  private final RepoDigests repoDigests;
  private final ContainerStore store;
  private final List<Removal> result = new ArrayList<>();

  ImageRemoval(StateLock lock, ImageGraph graph, TagStore tags, RepoDigests repoDigests, ContainerStore store) {
    this.lock = lock;
    this.graph = graph;
    this.tags = tags;
    this.repoDigests = repoDigests;
    this.store = store;
  }

  /**
   * @param repository the reference's repository, or null when removing by ID
   * @param tag the reference's tag (ignored by ID)
   */
  List<Removal> remove(String repository, String tag, Image image, boolean force, boolean prune) {
    String id = image.id();
    List<LiveContainer> users = usersOf(id);
    LiveContainer running = users.stream().filter(LiveContainer::running).findFirst().orElse(null);
    return lock.locked(() -> {
      List<String> names = tags.byId().getOrDefault(id, List.of());
      if (repository != null) {
        if (names.size() > 1) {
          untag(id, repository, tag, names, false);
          return List.copyOf(result);
        }
        if (!users.isEmpty() && !force) {
          throw new RefusedByEngine(RefusedByEngine.Reason.IN_USE, "image in use", repository + ":" + tag,
              users.get(0).id, id, "false");
        }
      } else {
        Set<String> repos = new TreeSet<>();
        names.forEach(n -> repos.add(n.substring(0, n.lastIndexOf(':'))));
        if (repos.size() > 1 && !force) {
          throw new RefusedByEngine(RefusedByEngine.Reason.MULTIPLE_REPOSITORIES, "image in several repositories",
              id);
        }
        if (running != null || (!users.isEmpty() && !force)) {
          LiveContainer user = running != null ? running : users.get(0);
          throw new RefusedByEngine(RefusedByEngine.Reason.IN_USE, "image in use", "", user.id, id,
              String.valueOf(running != null));
        }
        if (graph.hasChildren(id)) {
          throw new RefusedByEngine(RefusedByEngine.Reason.HAS_CHILDREN, "image has children", id);
        }
      }
      for (String name : new ArrayList<>(names)) {
        int colon = name.lastIndexOf(':');
        untag(id, name.substring(0, colon), name.substring(colon + 1), List.of(), true);
      }
      if (repository == null) { // by ID: the digest references go too, each untagged
        for (String reference : repoDigests.of(id)) {
          result.add(new Removal(false, repoDigests.forget(id, reference.substring(0, reference.indexOf('@')))));
        }
      }
      deleteUnused(image, users, prune);
      return List.copyOf(result);
    });
  }

  /**
   * Removes the digest reference {@code repository@digest}: {@code Untagged: repository@digest}; when it was the
   * image's last reference (no tag, no other digest), the image goes too as by its last tag. A container using an
   * image whose only reference this is refuses without {@code force}.
   */
  List<Removal> removeDigest(String repository, String digest, Image image, boolean force, boolean prune) {
    String id = image.id();
    List<LiveContainer> users = usersOf(id);
    return lock.locked(() -> {
      int references = tags.byId().getOrDefault(id, List.of()).size() + repoDigests.of(id).size();
      if (references == 1 && !users.isEmpty() && !force) {
        throw new RefusedByEngine(RefusedByEngine.Reason.IN_USE, "image in use", repository + "@" + digest,
            users.get(0).id, id, "false");
      }
      String removed = repoDigests.forget(id, repository);
      result.add(new Removal(false, removed == null ? repository + "@" + digest : removed));
      if (references <= 1) {
        deleteUnused(image, users, prune);
      }
      return List.copyOf(result);
    });
  }

  /** Deletes the image when no container uses it and it has no children, then its parents nothing else holds. */
  private void deleteUnused(Image image, List<LiveContainer> users, boolean prune) {
    String id = image.id();
    if (users.isEmpty() && !graph.hasChildren(id)) {
      delete(id);
      String parent = image.parent();
      while (prune && !parent.isEmpty()) {
        Image p = graph.byId(parent);
        if (p == null || tags.isReferenced(parent) || graph.hasChildren(parent) || usedBy(parent)) {
          break;
        }
        delete(parent);
        parent = p.parent();
      }
    }
  }

  private List<LiveContainer> usersOf(String id) {
    List<LiveContainer> users = new ArrayList<>();
    for (LiveContainer c : store.all()) {
      if (c.imageId.equals(id)) {
        users.add(c);
      }
    }
    return users;
  }

  private boolean usedBy(String id) {
    for (LiveContainer c : store.all()) {
      if (c.imageId.equals(id)) {
        return true;
      }
    }
    return false;
  }

  private void untag(String id, String repository, String tag, List<String> names, boolean digests) {
    tags.delete(repository, tag);
    result.add(new Removal(false, repository + ":" + tag));
    boolean lastInRepository = names.stream().noneMatch(n -> n.startsWith(repository + ":") && !n.equals(
        repository + ":" + tag));
    if (digests && lastInRepository) {
      String digest = repoDigests.forget(id, repository);
      if (digest != null) {
        result.add(new Removal(false, digest));
      }
    }
  }

  private void delete(String id) {
    graph.delete(id);
    repoDigests.forgetImage(id);
    result.add(new Removal(true, id));
  }
}
