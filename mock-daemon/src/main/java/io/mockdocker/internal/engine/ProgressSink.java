package io.mockdocker.internal.engine;

/**
 * Where a streamed operation (pull, push, import, insert) reports what it does. The HTTP view turns these calls
 * into the era's JSON messages or raw text; the engine knows neither.
 */
public interface ProgressSink {

  /** A status line, e.g. {@code Pulling repository base from https://index.docker.io/v1}. */
  void status(String text);

  /** A progress update: {@code action} is {@code Downloading}, {@code Importing} or {@code Pushing}. */
  void progress(String action, String text);

  /** A progress reader reached its end (the daemon wrote an empty status, {@code {}}). */
  void endOfTransfer();

  // ---- structured, version-neutral events (no-ops unless a view wants them; the era's text needs none of them)

  /** A pull found {@code repository:tag} in the registry, as the image {@code imageId}; layers follow. */
  default void resolved(String repository, String tag, String imageId) {}

  /** A layer of the pull (or push) is already where it has to be: local for a pull. */
  default void layerExists(String layerId) {}

  /** A layer will be transferred (announced for every such layer before the first transfer starts). */
  default void layerStarted(String layerId) {}

  /** Bytes of a layer moved: {@code current} of {@code total}. Called beside every {@link #progress} update. */
  default void layerProgress(String layerId, long current, long total) {}

  /** A pulled layer's bytes all arrived. */
  default void layerDownloaded(String layerId) {}

  /** A pulled layer was unpacked and registered. */
  default void layerRegistered(String layerId) {}

  /** A pushed layer is on the registry; {@code alreadyThere} when it needed no upload. */
  default void layerPushed(String layerId, boolean alreadyThere) {}

  /**
   * The operation ended well: {@code changed} when a pull downloaded something or moved a tag (false: the image was
   * up to date). {@code manifest} is the digest and size of what was pulled or pushed.
   */
  default void finished(String imageId, Manifest manifest, boolean changed) {}

  /** How the progress text writes its sizes: {@link Sizes#HUMAN} unless the view says otherwise. */
  default Sizes sizes() {
    return Sizes.HUMAN;
  }

  /**
   * Where a push says it puts a tag, after the registry endpoint: {@code /repositories/NAME/tags/TAG} unless the view
   * says otherwise.
   */
  default String tagPath(String repository, String tag) {
    return "/repositories/" + repository + "/tags/" + tag;
  }

  /** How a progress text writes the bytes read and the total. */
  enum Sizes {
    /** In bytes, {@code 8192/10240 (80%)}: docker before 0.4.3. */
    BYTES,
    /** Human-readable, {@code 8.192 kB/10.24 kB (80%)}: docker 0.4.3 and later. */
    HUMAN;

    String format(long bytes) {
      return this == BYTES ? Long.toString(bytes) : HumanUnits.size(bytes);
    }
  }

  /** The request's hook into the transfers it causes; none by default. */
  default TransferHook hook() {
    return TransferHook.NONE;
  }

  /** Discards everything. */
  ProgressSink NONE = new ProgressSink() {
    @Override
    public void status(String text) {}

    @Override
    public void progress(String action, String text) {}

    @Override
    public void endOfTransfer() {}
  };
}
