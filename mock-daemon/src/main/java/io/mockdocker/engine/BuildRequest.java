package io.mockdocker.engine;

import java.util.Map;
import java.util.Objects;

/**
 * A build from a context tar that holds its Dockerfile.
 *
 * @param dialect which builder's rules apply
 * @param dockerfile the Dockerfile's path inside the context ({@code Dockerfile} by default)
 * @param remove remove each step's container after its commit
 * @param noCache never reuse a cached step
 * @param buildArgs values for ARG
 */
public record BuildRequest(BuildDialect dialect, String dockerfile, boolean remove, boolean noCache,
    Map<String, String> buildArgs) {

  public BuildRequest {
    Objects.requireNonNull(dialect, "dialect");
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
  }
}
