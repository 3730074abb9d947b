package io.mockdocker.examples;

import java.util.List;
import java.util.Objects;

/**
 * A one-shot job: the image to pull and run, the command (empty for the image's own), and a memory limit in bytes
 * (0 for none).
 */
public record Job(String image, String tag, List<String> command, long memory) {
  public Job {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(tag, "tag");
    command = List.copyOf(command);
    if (memory < 0) {
      throw new IllegalArgumentException("memory must not be negative: " + memory);
    }
  }

  /** {@code image:latest} running {@code command}, with no memory limit. */
  public static Job of(String image, String... command) {
    return new Job(image, "latest", List.of(command), 0);
  }

  public Job withTag(String tag) {
    return new Job(image, tag, command, memory);
  }

  public Job withMemory(long bytes) {
    return new Job(image, tag, command, bytes);
  }

  /** {@code image:tag}, as create and the error messages name it. */
  public String reference() {
    return image + ":" + tag;
  }
}
