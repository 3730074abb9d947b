package io.mockdocker.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * Removes what a set of label filters selects, as Ryuk does at the end of a session: containers (forced, running ones
 * killed), then networks, volumes and images. A filter is a map of filter name to values ({@code label} →
 * {@code ["org.testcontainers.sessionId=…"]}); a resource is selected when one filter matches it, and a filter
 * matches when the resource carries every {@code key=value} (or {@code key}) it lists. A filter naming anything but
 * {@code label} selects nothing. Failures to remove one resource are skipped, as Ryuk logs and carries on.
 */
final class LabelReaper {
  private final Containers containers;
  private final Networks networks;
  private final Volumes volumes;
  private final Images images;
  private final ImageReferences references;

  /** How many resources of each kind a prune removed. */
  record Removed(int containers, int networks, int volumes, int images) {}

  LabelReaper(Containers containers, Networks networks, Volumes volumes, Images images, ImageReferences references) {
    this.containers = containers;
    this.networks = networks;
    this.volumes = volumes;
    this.images = images;
    this.references = references;
  }

  /** Removes every resource one of {@code filters} selects, except the container {@code self} (the reaper). */
  Removed prune(List<Map<String, List<String>>> filters, String self) {
    int c = 0;
    int n = 0;
    int v = 0;
    int i = 0;
    for (Container container : containers.all()) {
      if (!container.id().equals(self) && selected(filters, container.config().labels())) {
        c += quietly(() -> containers.remove(container.id(), true));
      }
    }
    for (Network network : networks.list()) {
      if (!network.predefined() && selected(filters, network.labels())) {
        n += quietly(() -> networks.remove(network.id()));
      }
    }
    for (Volume volume : volumes.list()) {
      if (selected(filters, volume.labels())) {
        v += quietly(() -> volumes.remove(volume.name(), true));
      }
    }
    for (Image image : images.all()) {
      if (image.config() != null && selected(filters, image.config().labels())) {
        i += quietly(() -> references.removeImage(null, "", image, true, true));
      }
    }
    return new Removed(c, n, v, i);
  }

  private static int quietly(Runnable removal) {
    try {
      removal.run();
      return 1;
    } catch (DockerException | IllegalStateException e) {
      return 0; // already gone, or refused: Ryuk logs and goes on
    }
  }

  static boolean selected(List<Map<String, List<String>>> filters, Map<String, String> labels) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (Map<String, List<String>> filter : filters) {
      if (matches(filter, have)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Map<String, List<String>> filter, Map<String, String> labels) {
    if (filter.isEmpty() || !filter.keySet().equals(java.util.Set.of("label"))) {
      return false;
    }
    for (String wanted : filter.get("label")) {
      int eq = wanted.indexOf('=');
      String key = eq < 0 ? wanted : wanted.substring(0, eq);
      if (!labels.containsKey(key) || eq >= 0 && !labels.get(key).equals(wanted.substring(eq + 1))) {
        return false;
      }
    }
    return true;
  }
}
