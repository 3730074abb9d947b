package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a container, the era's {@code Container} struct: what inspect prints. {@code image} is the full ID of
 * its image; {@code volumes} is {@code null} before the first start. {@code name} (without the leading {@code /}),
 * {@code hostConfig}, {@code execIds}, {@code ports} (the modern view's, {@code null} otherwise) and {@code mounts} (the
 * modern view's mount points, sorted by destination) are later additions the era's writers ignore. {@code health} is the
 * health check's state, {@code null} for a container that never ran one. {@code restartCount} is the restart policy's
 * restarts since the user's last start.
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
    ContainerHealth health,
    List<MountPoint> mounts,
    int restartCount) {

  public String shortId() {
    return Ids.shortId(id);
  }

  /** {@code Path} and {@code Args} joined by spaces, with the trailing space of a command without arguments. */
  public String command() {
    return path + " " + String.join(" ", args);
  }
}
