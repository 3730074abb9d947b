package io.mockdocker.script;

import java.util.List;
import java.util.Objects;

/**
 * Which container processes a script replaces: an image (as named in create, a {@code repo:tag} of the image, or an
 * ID prefix) and/or a command prefix; {@code null} matches anything.
 */
public record ProcessMatch(String image, List<String> command) {

  public ProcessMatch {
    command = command == null ? null : List.copyOf(command);
  }

  /** Every process. */
  public static ProcessMatch any() {
    return new ProcessMatch(null, null);
  }

  /** Processes of containers made from this image. */
  public static ProcessMatch image(String image) {
    return new ProcessMatch(Objects.requireNonNull(image), null);
  }

  /** Processes whose argv starts with these words. */
  public static ProcessMatch command(String... prefix) {
    return new ProcessMatch(null, List.of(prefix));
  }

  /** Narrows to processes whose argv starts with these words. */
  public ProcessMatch withCommand(String... prefix) {
    return new ProcessMatch(image, List.of(prefix));
  }

  /** Whether an argv matches the command part. */
  public boolean matchesCommand(List<String> argv) {
    return command == null || argv.size() >= command.size() && argv.subList(0, command.size()).equals(command);
  }

  @Override
  public String toString() {
    return "ProcessMatch{image=" + (image == null ? "*" : image) + ", command="
        + (command == null ? "*" : String.join(" ", command)) + "}";
  }
}
