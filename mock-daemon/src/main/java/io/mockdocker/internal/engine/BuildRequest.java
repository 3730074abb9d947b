package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param labels labels for the image, added as a last LABEL step (as the classic builder did)
 * @param target the stage to build up to ({@code FROM … AS target}); empty for the last one
 * @param cacheFrom images whose ancestry alone may serve cached steps ({@code cachefrom}); empty: any local image
 * @param extraHosts {@code host:ip} lines added to the RUN steps' {@code /etc/hosts} ({@code extrahosts})
 */
public record BuildRequest(BuildDialect dialect, String dockerfile, boolean remove, boolean noCache,
    Map<String, String> buildArgs, Map<String, String> labels, String target, List<String> cacheFrom,
    List<String> extraHosts) {

  /** {@code buildArgs} may map a name to {@code null}: declared without a value, the ARG's default applies. */
  public BuildRequest {
    Objects.requireNonNull(dialect, "dialect");
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    target = target == null ? "" : target;
    cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
  }

  public BuildRequest(BuildDialect dialect, String dockerfile, boolean remove, boolean noCache,
      Map<String, String> buildArgs, Map<String, String> labels, String target) {
    this(dialect, dockerfile, remove, noCache, buildArgs, labels, target, null, null);
  }

  public BuildRequest(BuildDialect dialect, String dockerfile, boolean remove, boolean noCache,
      Map<String, String> buildArgs, Map<String, String> labels) {
    this(dialect, dockerfile, remove, noCache, buildArgs, labels, "");
  }

  public BuildRequest(BuildDialect dialect, String dockerfile, boolean remove, boolean noCache,
      Map<String, String> buildArgs) {
    this(dialect, dockerfile, remove, noCache, buildArgs, null, "");
  }
}
