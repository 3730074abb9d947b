package io.mockdocker.script;

import java.util.Objects;

/**
 * Which published ports a {@link PortScript} serves: an image (as named in create, a {@code repo:tag} of the image,
 * or an ID prefix) and/or a container name and/or a container port ({@code 80/tcp}; {@code 80} means
 * {@code 80/tcp}); {@code null} matches anything.
 *
 * <pre>{@code
 * PortMatch.image("nginx").withPort("80")     // port 80/tcp of containers made from nginx
 * PortMatch.container("db")                  // every published port of the container named db
 * }</pre>
 *
 * @param image the image, or {@code null} for any
 * @param container the container's name (with or without its leading {@code /}), or {@code null} for any
 * @param port the container port with its protocol, or {@code null} for any
 */
public record PortMatch(String image, String container, String port) {

  public PortMatch {
    if (container != null && container.startsWith("/")) {
      container = container.substring(1);
    }
    if (port != null) {
      port = port.contains("/") ? port : port + "/tcp";
      String number = port.substring(0, port.indexOf('/'));
      if (!number.matches("[0-9]{1,5}") || Integer.parseInt(number) > 65535) {
        throw new IllegalArgumentException("a container port is a number with an optional protocol: " + port);
      }
    }
  }

  /** Every published port. */
  public static PortMatch any() {
    return new PortMatch(null, null, null);
  }

  /** The ports of containers made from this image. */
  public static PortMatch image(String image) {
    return new PortMatch(Objects.requireNonNull(image, "image"), null, null);
  }

  /** The ports of the container with this name. */
  public static PortMatch container(String name) {
    return new PortMatch(null, Objects.requireNonNull(name, "name"), null);
  }

  /** This container port ({@code 80}, {@code 80/tcp}) of any container. */
  public static PortMatch port(String port) {
    return new PortMatch(null, null, Objects.requireNonNull(port, "port"));
  }

  /** Narrows to this container port ({@code 80}, {@code 80/tcp}). */
  public PortMatch withPort(String port) {
    return new PortMatch(image, container, Objects.requireNonNull(port, "port"));
  }

  /** Narrows to the container with this name. */
  public PortMatch withContainer(String name) {
    return new PortMatch(image, Objects.requireNonNull(name, "name"), port);
  }

  /** E.g. {@code PortMatch{image=nginx, container=*, port=80/tcp}}. */
  @Override
  public String toString() {
    return "PortMatch{image=" + star(image) + ", container=" + star(container) + ", port=" + star(port) + "}";
  }

  private static String star(String s) {
    return s == null ? "*" : s;
  }
}
