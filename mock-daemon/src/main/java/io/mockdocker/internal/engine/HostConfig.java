package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a container's host configuration the engine keeps (a later addition; the era had none): whether the
 * container is removed when its process exits, its log driver ({@code json-file} unless given) with its options,
 * the network mode, the restart policy and what to mount. The engine acts on {@code autoRemove} and the mounts;
 * the rest is echoed back.
 */
public record HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
    String restartPolicy, int restartMaxRetries, MountRequest mounts) {

  /** What a container created without a host configuration has. */
  public static final HostConfig DEFAULT = new HostConfig(false, "", null, "", "", 0);

  public HostConfig {
    logType = logType == null || logType.isEmpty() ? "json-file" : logType;
    logConfig = logConfig == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(logConfig));
    networkMode = networkMode == null || networkMode.isEmpty() || networkMode.equals("default") ? "bridge"
        : networkMode;
    restartPolicy = restartPolicy == null ? "" : restartPolicy;
    mounts = mounts == null ? MountRequest.NONE : mounts;
  }

  /** Without mounts. */
  public HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
      String restartPolicy, int restartMaxRetries) {
    this(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, MountRequest.NONE);
  }

  public HostConfig withAutoRemove(boolean value) {
    return new HostConfig(value, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts);
  }
}
