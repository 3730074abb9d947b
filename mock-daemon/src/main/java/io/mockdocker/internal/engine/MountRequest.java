package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a create body asked to mount: {@code HostConfig.Binds} ({@code -v}), {@code HostConfig.Mounts}
 * ({@code --mount}), {@code HostConfig.VolumesFrom} and {@code HostConfig.Tmpfs}, each {@code null} when absent (and
 * echoed as sent). The image's and {@code Config.Volumes}' anonymous volumes come from the container's config.
 */
public record MountRequest(List<String> binds, List<MountSpec> mounts, List<String> volumesFrom,
    Map<String, String> tmpfs) {
  /** Nothing asked (the era's containers, and a create without these fields). */
  public static final MountRequest NONE = new MountRequest(null, null, null, null);

  public MountRequest {
    binds = binds == null ? null : List.copyOf(binds);
    mounts = mounts == null ? null : List.copyOf(mounts);
    volumesFrom = volumesFrom == null ? null : List.copyOf(volumesFrom);
    tmpfs = tmpfs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tmpfs));
  }
}
