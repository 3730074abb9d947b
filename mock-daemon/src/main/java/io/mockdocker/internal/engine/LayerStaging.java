package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where new layers are put together before they join the graph: staging directories, extraction into them within
 * the tar limits, and registration. Registration needs the engine's lock; the rest does not.
 */
final class LayerStaging {
  private final ImageGraph graph;
  private final Ids ids;
  private final TarBudget limits;

  LayerStaging(ImageGraph graph, Ids ids, TarBudget limits) {
    this.graph = graph;
    this.ids = ids;
    this.limits = limits;
  }

  /** Registers a new local image whose layer was staged under {@code staged}. The engine's lock must be held. */
  Image register(Image image, Path staged, long extraSize) {
    try {
      return graph.register(image, staged, extraSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Extracts an archive into a new staging directory within the tar limits; on failure the partial tree is removed
   * (a refused tar bomb must not leave its first gigabyte behind) and the error passed on.
   */
  Path untar(byte[] archive) {
    Path staged = staging();
    try {
      Transfers.untar(archive, staged, limits);
      return staged;
    } catch (RuntimeException e) {
      discard(staged);
      throw e;
    }
  }

  /** What one extraction may produce, and the daemon's budget for those in progress. */
  TarBudget limits() {
    return limits;
  }

  /** Removes a staging directory that will not be registered; failures are ignored (it is only memory). */
  void discard(Path staged) {
    try {
      ImageGraph.deleteTree(staged);
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }

  /** A new, empty staging directory. */
  Path staging() {
    try {
      return graph.stagingDir(ids.next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
