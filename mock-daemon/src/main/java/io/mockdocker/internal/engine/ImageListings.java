package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image list as Server.Images built it. Runs under the engine's lock. */
final class ImageListings {
  private ImageListings() {}

  /**
   * Every {@code repo:tag} pair (with {@code filter}, only that repository's), then, without a filter, the untagged
   * images: heads only, or every one when {@code all}.
   */
  static List<ImageListing> list(ImageGraph graph, TagStore tags, boolean all, String filter) {
    Map<String, Image> untagged = new LinkedHashMap<>();
    for (Image image : all ? graph.all() : graph.heads()) {
      untagged.put(image.id(), image);
    }
    List<ImageListing> out = new ArrayList<>();
    tags.snapshot().forEach((repo, repoTags) -> {
      if (filter != null && !filter.isEmpty() && !repo.equals(filter)) {
        return;
      }
      repoTags.forEach((tag, id) -> {
        Image image = graph.byId(id);
        if (image == null) {
          return; // a dangling tag (its layer was deleted through API <= 1.1) is skipped
        }
        untagged.remove(id);
        out.add(new ImageListing(repo, tag, image, graph.virtualSize(image)));
      });
    });
    if (filter == null || filter.isEmpty()) {
      for (Image image : untagged.values()) {
        out.add(new ImageListing("", "", image, graph.virtualSize(image)));
      }
    }
    return out;
  }
}
