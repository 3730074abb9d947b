package io.mockdocker.examples;

import java.util.List;

/**
 * What a finished job left behind: the (removed) container's short ID, its exit code, its output (all of stdout,
 * then all of stderr, as attach replays them) and the daemon's warnings from create.
 */
public record Deployment(String containerId, int exitCode, String output, List<String> warnings) {
  public Deployment {
    warnings = List.copyOf(warnings);
  }
}
