package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The API 1.2 image delete: untag, then prune the image, its unreferenced descendants and its unreferenced ancestors,
 * following v0.4.4's Server.ImageDelete, its quirk included: the walk down follows only one child of each image
 * (the one Graph.ByParent kept, see {@link ImageGraph#lastChild}). Runs under the engine's lock.
 */
final class ImagePruner {
  private final ImageGraph graph;
  private final TagStore tags;
  private final List<Deletion> result = new ArrayList<>();

  /** Thrown inside the walk when a tagged image stops it (the daemon's ErrReferenced). */
  private static final class Referenced extends Exception {
    private static final long serialVersionUID = 1L;

    Referenced() {
      super(null, null, false, false);
    }
  }

  ImagePruner(ImageGraph graph, TagStore tags) {
    this.graph = graph;
    this.tags = tags;
  }

  List<Deletion> delete(String name) {
    Image image = tags.lookupOrNull(name);
    if (image == null) {
      throw new DockerException("No such image: " + name);
    }
    // strings.Split(name, ":"): the tag is what stands between the first and second colon
    String[] parts = name.split(":", -1);
    String repo = parts[0];
    String tag = parts.length > 1 ? parts[1] : "";
    if (tags.delete(repo, tag)) {
      result.add(Deletion.untagged(image.id()));
    }
    if (!tags.isReferenced(image.id())) {
      try {
        deleteImageAndChildren(image.id());
        deleteParents(image);
      } catch (Referenced swallowed) {
        // A tagged image ended the walk; what was deleted so far stays deleted.
      }
    }
    if (result.isEmpty()) {
      throw new DockerException("Conflict, " + name + " wasn't deleted");
    }
    return List.copyOf(result);
  }

  private void deleteImageAndChildren(String id) throws Referenced {
    if (tags.isReferenced(id)) {
      throw new Referenced();
    }
    boolean referenced = false;
    String child = graph.lastChild(id);
    if (child != null) {
      try {
        deleteImageAndChildren(child);
      } catch (Referenced e) {
        referenced = true;
      }
    }
    if (referenced) {
      throw new Referenced();
    }
    if (!graph.hasChildren(id)) {
      graph.delete(id);
      result.add(Deletion.deleted(id));
    }
  }

  private void deleteParents(Image image) throws Referenced {
    Image current = image;
    while (current.hasParent()) {
      Image parent = graph.byId(current.parent());
      if (parent == null) {
        // graph.Get's error ends the walk and, unlike ErrImageReferenced, fails the request (the list is dropped)
        throw new DockerException("No such id: " + current.parent());
      }
      deleteImageAndChildren(parent.id());
      current = parent;
    }
  }
}
