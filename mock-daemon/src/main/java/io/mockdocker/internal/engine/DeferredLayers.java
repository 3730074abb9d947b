package io.mockdocker.internal.engine;

import io.mockdocker.TarLimits;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layers of one image graph that were registered packed (a fixture's local images): their archives, unpacked
 * into the graph's file system the first time anything asks for the layer's directory (a container's file system,
 * a save, a push), never at a daemon's start. Their sizes were recorded at registration ({@link PackedLayers}), so
 * listing, inspecting and the history read the same values as for an unpacked layer. Thread-safe.
 */
final class DeferredLayers {
  /** A packed layer, unpacked within its own budget: it was checked to fit the daemon's limits when registered. */
  private record Packed(byte[] archive, TarLimits limits) {}

  private final Map<String, Packed> packed = new ConcurrentHashMap<>();

  /** Keeps {@code archive} as the layer of image {@code id}, to unpack on first need. */
  void add(String id, byte[] archive, TarLimits limits) {
    packed.put(id, new Packed(archive, limits));
  }

  /**
   * The image {@code id} is gone: its archive is never unpacked. An unpack already under way (a reader outside the
   * engine's lock) ends first, so that the caller's delete of the image's directory removes all of it.
   */
  void forget(String id) {
    Packed layer = packed.isEmpty() ? null : packed.get(id);
    if (layer != null) {
      synchronized (layer) {
        packed.remove(id, layer);
      }
    }
  }

  /** Unpacks image {@code id}'s layer into {@code dir} if it is still packed; a second caller waits for the first. */
  void unpack(String id, Path dir) {
    if (packed.isEmpty()) {
      return;
    }
    Packed layer = packed.get(id);
    if (layer == null) {
      return;
    }
    synchronized (layer) {
      if (packed.get(id) != layer) {
        return; // unpacked (or forgotten) while this caller waited
      }
      Transfers.untar(layer.archive(), dir, new TarBudget(layer.limits()));
      packed.remove(id, layer);
    }
  }
}
