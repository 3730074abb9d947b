package io.mockdocker.engine;

/** Where a build writes: its raw text lines, and the raw-text progress of the pulls its FROM makes. */
public interface BuildOutput {
  /** Writes text (the caller flushes per line). */
  void write(String text);

  /** The sink for a FROM that pulls: the daemon used a raw-text formatter there, whatever the API version. */
  ProgressSink pullSink();
}
