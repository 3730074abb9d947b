package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The image graph: images by ID, their children, and their layer directories. Not thread-safe; {@link Engine} guards
 * it with its lock.
 */
final class ImageGraph {
  private final Path root;
  private final Map<String, Image> images = new HashMap<>();
  private final Map<String, TreeSet<String>> children = new HashMap<>();
  private final TruncIndex index = new TruncIndex();
  /** The merged views of image chains, by top image; layers never change once registered, a delete clears them. */
  private final Map<String, Map<String, ContainerFs.Meta>> views = new HashMap<>();
  /** Layers registered packed, unpacked when {@link #layerDir} is first asked for them. */
  private final DeferredLayers deferred = new DeferredLayers();

  ImageGraph(Path root) {
    this.root = root;
  }

  /**
   * Where the files of image {@code id}'s layer live (whether or not the image exists); a layer registered
   * {@link #registerPacked packed} is unpacked there first.
   */
  Path layerDir(String id) {
    Path dir = root.resolve(id).resolve("layer");
    deferred.unpack(id, dir);
    return dir;
  }

  /**
   * Where the daemon kept the archive an image was registered from ({@code layer.tar.xz}, whatever its compression):
   * written for imports, absent for pulled layers.
   */
  Path archivePath(String id) {
    return root.resolve(id).resolve("layer.tar.xz");
  }

  /** A fresh directory to build a layer in before {@link #register}. */
  Path stagingDir(String id) throws IOException {
    Path dir = root.resolve("_staging").resolve(id);
    Files.createDirectories(dir);
    return dir;
  }

  boolean exists(String id) {
    return images.containsKey(id);
  }

  /** The image whose ID is {@code id} or starts with it uniquely, or {@code null}. */
  Image get(String idOrPrefix) {
    String id = index.get(idOrPrefix);
    return id == null ? null : images.get(id);
  }

  Image byId(String id) {
    return images.get(id);
  }

  Collection<Image> all() {
    return images.values();
  }

  int count() {
    return images.size();
  }

  /**
   * Adds an image whose layer files are in {@code staged} (moved into place). The recorded size is the layer walk plus
   * {@code extraSize} (a pulled image's registry-declared Size, which the daemon added to its own walk).
   */
  Image register(Image image, Path staged, long extraSize) throws IOException {
    if (images.containsKey(image.id())) {
      throw new DockerException("Image " + image.id() + " already exists");
    }
    Path target = layerDir(image.id());
    Files.createDirectories(target.getParent());
    if (staged != null && Files.exists(staged)) {
      Files.move(staged, target);
    } else {
      Files.createDirectories(target);
    }
    return add(image.withSize(extraSize + Layers.walkSize(target)));
  }

  /**
   * Adds an image whose layer is {@code archive}, unpacked into the graph only when {@link #layerDir} is first asked
   * for it; {@code size} is what {@link #register} would have recorded (the walk of the unpacked tree plus the
   * declared size). The archive must be known to unpack within {@code limits} ({@link PackedLayers}).
   */
  Image registerPacked(Image image, byte[] archive, TarLimits limits, long size) {
    if (images.containsKey(image.id())) {
      throw new DockerException("Image " + image.id() + " already exists");
    }
    Image sized = add(image.withSize(size));
    deferred.add(sized.id(), archive, limits);
    return sized;
  }

  private Image add(Image sized) {
    images.put(sized.id(), sized);
    index.add(sized.id());
    if (sized.hasParent()) {
      children.computeIfAbsent(sized.parent(), k -> new TreeSet<>()).add(sized.id());
    }
    return sized;
  }

  /** Removes one image and its layer; children are left orphaned, as Graph.Delete did. */
  void delete(String id) {
    Image image = images.remove(id);
    if (image == null) {
      return;
    }
    index.remove(id);
    views.clear();
    deferred.forget(id);
    if (image.hasParent()) {
      TreeSet<String> siblings = children.get(image.parent());
      if (siblings != null) {
        siblings.remove(id);
        if (siblings.isEmpty()) {
          children.remove(image.parent());
        }
      }
    }
    try {
      deleteTree(root.resolve(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The IDs of the images whose parent is {@code id}, sorted. */
  Set<String> children(String id) {
    TreeSet<String> set = children.get(id);
    return set == null ? Set.of() : Set.copyOf(set);
  }

  /** The lexicographically last child, the only one Graph.ByParent kept (its inverted condition). */
  String lastChild(String id) {
    TreeSet<String> set = children.get(id);
    return set == null || set.isEmpty() ? null : set.last();
  }

  boolean hasChildren(String id) {
    TreeSet<String> set = children.get(id);
    return set != null && !set.isEmpty();
  }

  /** Images without children. */
  List<Image> heads() {
    List<Image> heads = new ArrayList<>();
    for (Image image : images.values()) {
      if (!hasChildren(image.id())) {
        heads.add(image);
      }
    }
    return heads;
  }

  /** The image and its ancestors, from the image down to the base (stops at a missing parent). */
  List<Image> history(Image image) {
    List<Image> chain = new ArrayList<>();
    Image current = image;
    while (current != null) {
      chain.add(current);
      current = current.hasParent() ? images.get(current.parent()) : null;
    }
    return chain;
  }

  /**
   * The merged view of the image's chain (see {@link ContainerFs#view}), computed once and kept until an image is
   * deleted; an unknown image has an empty view.
   */
  Map<String, ContainerFs.Meta> mergedView(String id) throws IOException {
    Map<String, ContainerFs.Meta> view = views.get(id);
    if (view == null) {
      Image image = images.get(id);
      List<Path> layers = new ArrayList<>();
      if (image != null) {
        for (Image layer : history(image)) {
          layers.add(0, layerDir(layer.id()));
        }
      }
      view = java.util.Collections.unmodifiableMap(ContainerFs.view(layers));
      views.put(id, view);
    }
    return view;
  }

  /** The image's own size plus the sizes of all its ancestors. */
  long virtualSize(Image image) {
    long total = 0;
    for (Image img : history(image)) {
      total += img.size();
    }
    return total;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.delete(p);
      }
    }
  }
}
