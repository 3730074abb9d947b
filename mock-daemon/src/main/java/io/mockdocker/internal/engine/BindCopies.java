package io.mockdocker.internal.engine;

import io.mockdocker.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Binds' sources: the in-memory copy of each host path, read once through {@link HostFiles} and shared by every
 * container binding that path (the docker socket an empty file, never the real one); the host is never written.
 * Thread-safe.
 */
final class BindCopies {
  private final HostFiles host;
  private final Path bindRoot;
  /** Host path to its in-memory copy; guarded by this. */
  private final Map<String, Path> copies = new HashMap<>();

  BindCopies(HostFiles host, Path bindRoot) {
    this.host = host;
    this.bindRoot = bindRoot;
  }

  /** Refuses a host bind when the daemon refuses them (the docker socket is always allowed). */
  void checkHost(String hostPath) {
    if (host.refusesBinds() && !hostPath.equals(Mounts.DOCKER_SOCK)) {
      throw MountPlanner.invalid("host binds are refused by this daemon: " + hostPath);
    }
  }

  /** Whether the host path exists (its copy made if so). */
  boolean exists(String hostPath) {
    synchronized (this) {
      if (copies.containsKey(hostPath)) {
        return true;
      }
    }
    try {
      copy(hostPath, false);
      return true;
    } catch (NoHostPath e) {
      return false;
    }
  }

  private static final class NoHostPath extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** The in-memory copy of a host path, read on first use; a missing host path is an empty directory in memory. */
  Path copy(String hostPath) {
    return copy(hostPath, true);
  }

  private synchronized Path copy(String hostPath, boolean createMissing) {
    Path existing = copies.get(hostPath);
    if (existing != null) {
      return existing;
    }
    Path target = bindRoot.resolve(Integer.toString(copies.size()));
    try {
      Files.createDirectories(bindRoot);
      if (hostPath.equals(Mounts.DOCKER_SOCK)) {
        Files.createFile(target); // never the real socket: an empty file
      } else if (!host.copyTo(hostPath, target)) {
        if (!createMissing) {
          throw new NoHostPath();
        }
        Files.createDirectories(target);
      }
    } catch (IOException e) {
      throw MountPlanner.invalid("error reading host path " + hostPath + ": " + e.getMessage());
    }
    copies.put(hostPath, target);
    return target;
  }
}
