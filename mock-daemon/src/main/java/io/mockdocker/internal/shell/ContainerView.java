package io.mockdocker.internal.shell;

import java.util.List;

/**
 * What a simulated process can learn about its container beyond its files: the user it runs as ({@code id},
 * {@code whoami}), the container's process table ({@code ps}) and whether a TCP port answers ({@code nc -z}). The
 * engine answers from the container's config, its running processes and its published ports; {@link #NONE} is a
 * process outside any container (a build step, a test), run as root with no other process and no port.
 */
public interface ContainerView {

  /** One process as {@code ps} lists it: its PID in the container, the user it runs as and its argv. */
  record Process(int pid, String user, List<String> argv) {}

  /** No container: root, no processes, every port closed. */
  ContainerView NONE = new ContainerView() {};

  /** The {@code User} the process runs as ({@code "1000"}, {@code "nobody"}, {@code "1000:1000"}); "" is root. */
  default String user() {
    return "";
  }

  /** The container's running processes, PID 1 first. */
  default List<Process> processes() {
    return List.of();
  }

  /**
   * Whether a TCP connection to {@code host}:{@code port} from inside the container would be accepted; {@code null}
   * when {@code host} is a name the container cannot resolve.
   */
  default Boolean connects(String host, int port) {
    return host.equals("localhost") || host.equals("127.0.0.1") ? Boolean.FALSE : null;
  }
}
