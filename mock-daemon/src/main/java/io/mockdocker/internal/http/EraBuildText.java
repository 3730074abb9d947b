package io.mockdocker.internal.http;

/** The text of a build. */
public enum EraBuildText {
  /**
   * {@code INSTRUCTION arguments (image before it)} for each instruction, {@code ===> image} after it (full IDs),
   * {@code Skipping unknown instruction X}, and {@code Build successful.} then {@code ===> image} at the end;
   * nothing for a cache hit or a step's container (before 0.4.3's "nicer output").
   */
  IMAGE_IDS,
  /**
   * {@code Step N : INSTRUCTION arguments}, {@code  ---> Running in …}, {@code  ---> Using cache},
   * {@code  ---> short ID}, {@code Successfully built short ID}.
   */
  STEPS
}
