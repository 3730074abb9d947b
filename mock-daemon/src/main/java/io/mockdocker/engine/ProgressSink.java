package io.mockdocker.engine;

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
