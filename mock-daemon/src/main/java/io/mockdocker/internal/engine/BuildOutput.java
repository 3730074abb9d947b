package io.mockdocker.internal.engine;

/**
 * Where a build reports, as structured events. Each event's default writes the era's raw text through
 * {@link #write} (the era formatter: exactly v0.4.4's bytes); a view with another wording overrides the events.
 */
public interface BuildOutput {
  /** Writes text (the caller flushes per line). */
  void write(String text);

  /** The sink for a FROM that pulls: the daemon used a raw-text formatter there, whatever the API version. */
  ProgressSink pullSink();

  /**
   * Step {@code number} of {@code total} begins: the instruction upper-cased, its arguments, and the line as written
   * (continuations joined).
   */
  default void step(int number, int total, String instruction, String arguments, String original) {
    write("Step " + number + " : " + instruction + " " + arguments + "\n");
  }

  /** An instruction the builder does not know was skipped. */
  default void skipped(String instruction) {
    write("# Skipping unknown instruction " + instruction + "\n");
  }

  /** The step's result came from the cache. */
  default void usingCache() {
    write(" ---> Using cache\n");
  }

  /** The step runs in a new container. */
  default void runningIn(String containerId) {
    write(" ---> Running in " + shortId(containerId) + "\n");
  }

  /** What a RUN step's process wrote (the era did not show it). */
  default void processOutput(String text) {}

  /** A step's process wrote this to its stderr; by default shown as {@link #processOutput}. */
  default void processError(String text) {
    processOutput(text);
  }

  /** The step's container was removed after its commit (never in the era). */
  default void removedIntermediate(String containerId) {
    write(" ---> Removed intermediate container " + shortId(containerId) + "\n");
  }

  /** The step ended with this image. */
  default void stepResult(String imageId) {
    write(" ---> " + shortId(imageId) + "\n");
  }

  /** A stage of a (multi-stage) build ended with this image (the era had no stages). */
  default void stageBuilt(String imageId) {}

  /** The build ended with this image. */
  default void built(String imageId) {
    write("Successfully built " + shortId(imageId) + "\n");
  }

  private static String shortId(String id) {
    return Ids.shortId(id);
  }
}
