package io.mockdocker.internal.engine;

import java.io.IOException;
import java.io.InputStream;

/**
 * A modern attach already subscribed to the container's output (output from now on is kept), waiting for the
 * client's streams: {@link #run} delivers what was kept, then live output until the process exits.
 * {@link #close} gives up without running.
 */
public interface AttachHandle extends AutoCloseable {
  void run(InputStream clientIn, StreamSink sink) throws IOException, InterruptedException;

  @Override
  void close();
}
