package io.mockdocker.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's {@code /etc/hosts} as the daemon wrote it: the loopback and IPv6 lines, the extra hosts asked for
 * ({@code name:ip}, {@code host-gateway} being the default bridge's gateway), then the container's own address with
 * its names. Extra hosts are checked as the daemon checked a container's {@code ExtraHosts} at create.
 */
final class EtcHosts {
  /** The address {@code host-gateway} stands for: the default bridge's gateway, as the daemon resolved it. */
  static final String HOST_GATEWAY = Bridge.GATEWAY;
  static final String DEFAULT = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      + "fe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
  private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
      + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private EtcHosts() {}

  /**
   * The extra hosts as (name, address) pairs; a malformed one is the daemon's {@code bad format for add-host: "x"} or
   * {@code invalid IP address in add-host: "y"}.
   */
  static List<String[]> extraHosts(List<String> entries) {
    List<String[]> pairs = new ArrayList<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new DockerException("bad format for add-host: \"" + entry + "\"");
      }
      String ip = entry.substring(colon + 1);
      if (ip.equals("host-gateway")) {
        ip = HOST_GATEWAY;
      } else if (!validIp(ip.strip())) {
        throw new DockerException("invalid IP address in add-host: \"" + ip + "\"");
      }
      pairs.add(new String[] {entry.substring(0, colon), ip.strip()});
    }
    return pairs;
  }

  /**
   * The file: the defaults, the extra hosts, and ({@code ip} not empty) the container's address with its fully
   * qualified name ({@code hostname.domainname}) and, when that has a dot, its bare host name.
   */
  static String text(List<String[]> extraHosts, String ip, String hostname, String domainname) {
    StringBuilder hosts = new StringBuilder(DEFAULT);
    extraHosts.forEach(h -> hosts.append(h[1]).append('\t').append(h[0]).append('\n'));
    if (ip != null && !ip.isEmpty()) {
      String names = domainname.isEmpty() ? hostname : hostname + "." + domainname;
      int dot = names.indexOf('.');
      if (dot >= 0) {
        names += " " + names.substring(0, dot);
      }
      hosts.append(ip).append('\t').append(names).append('\n');
    }
    return hosts.toString();
  }

  private static boolean validIp(String ip) {
    if (IPV4.matcher(ip).matches()) {
      return true;
    }
    if (!ip.contains(":") || !ip.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(ip) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
