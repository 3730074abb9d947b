package io.mockdocker.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of {@code HostConfig.Mounts} ({@code --mount}) as the client sent it: {@code type} ({@code volume},
 * {@code bind}, {@code tmpfs}), {@code source} (a volume name, a host path, or empty), {@code target}, and the options
 * the engine acts on or echoes. Absent strings are empty, absent maps {@code null}.
 */
public record MountSpec(String type, String source, String target, boolean readOnly, String propagation,
    boolean createMountpoint, boolean hasVolumeOptions, boolean noCopy, Map<String, String> volumeLabels,
    String driver, Map<String, String> driverOptions, long tmpfsSize, int tmpfsMode) {

  public MountSpec {
    type = type == null ? "" : type;
    source = source == null ? "" : source;
    target = target == null ? "" : target;
    propagation = propagation == null ? "" : propagation;
    driver = driver == null ? "" : driver;
    volumeLabels = volumeLabels == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(volumeLabels));
    driverOptions = driverOptions == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(driverOptions));
  }
}
