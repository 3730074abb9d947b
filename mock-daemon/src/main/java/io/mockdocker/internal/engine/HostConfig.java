package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a container's host configuration the engine keeps (a later addition; the era had none): whether the
 * container is removed when its process exits, its log driver ({@code json-file} unless given) with its options,
 * the network mode, the restart policy, what to mount and the resource limits. The engine acts on {@code autoRemove}
 * and the mounts; stats read the limits; the rest is echoed back. {@code echo} keeps the members the engine does
 * not act on at all, by name, as the client's JSON text, in the order sent, for the view to print back. {@code extras}
 * are the create body's members the {@code /etc} files are written from and a few config members inspect prints. An
 * update replaces a container's host configuration by a changed copy.
 */
public record HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
    String restartPolicy, int restartMaxRetries, MountRequest mounts, Resources resources, Map<String, String> echo,
    CreateExtras extras) {

  /** What a container created without a host configuration has. */
  public static final HostConfig DEFAULT = new HostConfig(false, "", null, "", "", 0);

  public HostConfig {
    logType = logType == null || logType.isEmpty() ? "json-file" : logType;
    logConfig = logConfig == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(logConfig));
    networkMode = networkMode == null || networkMode.isEmpty() || networkMode.equals("default") ? "bridge"
        : networkMode;
    restartPolicy = restartPolicy == null ? "" : restartPolicy;
    mounts = mounts == null ? MountRequest.NONE : mounts;
    resources = resources == null ? Resources.NONE : resources;
    echo = echo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(echo));
    extras = extras == null ? CreateExtras.NONE : extras;
  }

  /** Without extras. */
  public HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
      String restartPolicy, int restartMaxRetries, MountRequest mounts, Resources resources, Map<String, String> echo) {
    this(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts, resources, echo, null);
  }

  /** Without members kept only to be echoed. */
  public HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
      String restartPolicy, int restartMaxRetries, MountRequest mounts, Resources resources) {
    this(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts, resources, null);
  }

  /** Without mounts and resource limits. */
  public HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
      String restartPolicy, int restartMaxRetries) {
    this(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, MountRequest.NONE,
        Resources.NONE);
  }

  /** With mounts, without resource limits. */
  public HostConfig(boolean autoRemove, String logType, Map<String, String> logConfig, String networkMode,
      String restartPolicy, int restartMaxRetries, MountRequest mounts) {
    this(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts, Resources.NONE);
  }

  public HostConfig withAutoRemove(boolean value) {
    return new HostConfig(value, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts, resources,
        echo, extras);
  }

  /** This configuration with these resource limits. */
  public HostConfig withResources(Resources value) {
    return new HostConfig(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts, value,
        echo, extras);
  }

  /** This configuration with this restart policy ({@code name} as the API spells it). */
  public HostConfig withRestartPolicy(String name, int maxRetries) {
    return new HostConfig(autoRemove, logType, logConfig, networkMode, name, maxRetries, mounts, resources, echo,
        extras);
  }

  /** This configuration with these extras. */
  public HostConfig withExtras(CreateExtras value) {
    return new HostConfig(autoRemove, logType, logConfig, networkMode, restartPolicy, restartMaxRetries, mounts,
        resources, echo, value);
  }
}
