package io.mockdocker.internal.engine;

/**
 * A container's mount as inspect and the list show it ({@code Mounts} entries): its type ({@code volume},
 * {@code bind}, {@code tmpfs}), the volume's name and driver (empty otherwise), the source (a volume's mount point
 * path, the host path of a bind, empty for tmpfs), the destination in the container, the mode as given ({@code z}
 * for a local volume given none), whether it is writable, and the propagation (binds: {@code rprivate} unless
 * given).
 */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
    boolean rw, String propagation) {}
