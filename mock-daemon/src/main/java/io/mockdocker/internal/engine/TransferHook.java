package io.mockdocker.internal.engine;

import java.util.List;

/**
 * A request's hook into the transfers it causes, for behaviour that belongs to one request rather than to every
 * matching transfer (a fault at 40% of the second call's layer). A {@link ProgressSink} offers it; the engine reads
 * exactly up to each mark and calls {@link #reached} there.
 */
public interface TransferHook {

  /** The positions (fractions from 0 to 1) of this transfer at which {@link #reached} must be called. */
  List<Double> marks(Transfer transfer);

  /**
   * The transfer has read exactly up to {@code mark}. May wait (on the daemon's clock), or end the transfer by
   * throwing a {@link DockerException} (an error the client is told of; the progress reader prints its last update
   * first) or a {@link ConnectionDropped}.
   */
  void reached(Transfer transfer, double mark) throws InterruptedException;

  /** No marks. */
  TransferHook NONE = new TransferHook() {
    @Override
    public List<Double> marks(Transfer transfer) {
      return List.of();
    }

    @Override
    public void reached(Transfer transfer, double mark) {}

    @Override
    public String toString() {
      return "TransferHook.NONE";
    }
  };
}
