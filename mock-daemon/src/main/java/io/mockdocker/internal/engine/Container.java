package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a container, the era's {@code Container} struct: what inspect prints. {@code image} is the full ID of
 * its image; {@code volumes} is {@code null} before the first start. {@code name} (without the leading {@code /}),
 * {@code hostConfig}, {@code execIds}, {@code ports} (the modern view's, {@code null} otherwise) and {@code restartCount} (the restart policy's restarts since the user's last start) are later additions the era's writers ignore.
 */
public record Container(
    String id,
    OffsetDateTime created,
    String path,
    List<String> args,
    Config config,
    ContainerState state,
    String image,
    NetworkSettings networkSettings,
    String sysInitPath,
    String resolvConfPath,
    Map<String, String> volumes,
    String name,
    HostConfig hostConfig,
    List<String> execIds,
    ContainerPorts ports,
    int restartCount) {

  public Container(String id, OffsetDateTime created, String path, List<String> args, Config config,
      ContainerState state, String image, NetworkSettings networkSettings, String sysInitPath, String resolvConfPath,
      Map<String, String> volumes, String name, HostConfig hostConfig, List<String> execIds, ContainerPorts ports) {
    this(id, created, path, args, config, state, image, networkSettings, sysInitPath, resolvConfPath, volumes, name,
        hostConfig, execIds, ports, 0);
  }

  public String shortId() {
    return Ids.shortId(id);
  }

  /** {@code Path} and {@code Args} joined by spaces, with the trailing space of a command without arguments. */
  public String command() {
    return path + " " + String.join(" ", args);
  }
}
