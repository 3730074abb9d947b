package io.mockdocker.internal.engine;

/**
 * One binding of a container port as the client sent it: the host address ({@code ""} for every address) and the
 * host port ({@code ""} for one the system picks, a number, or a range such as {@code 8000-8010}).
 */
public record PortBinding(String hostIp, String hostPort) {
  public PortBinding {
    hostIp = hostIp == null ? "" : hostIp;
    hostPort = hostPort == null ? "" : hostPort;
  }
}
