package io.mockdocker.internal.engine;

import java.util.List;

/**
 * IPv4 subnets as {base, prefix length} and the daemon's default address pools: 172.17.0.0/16 to 172.31.0.0/16, then
 * 192.168.0.0/16 in /20 pieces; the first that overlaps no existing network is taken.
 */
final class Subnets {
  private Subnets() {}

  static int[] parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + cidr);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + cidr);
    }
    if (prefix < 0 || prefix > 32) {
      throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + cidr);
    }
    int address = address(cidr.substring(0, slash), cidr);
    return new int[] {address & mask(prefix), prefix};
  }

  static int address(String dotted, String context) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + context);
    }
    int a = 0;
    for (String p : parts) {
      int v;
      try {
        v = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + context);
      }
      if (v < 0 || v > 255) {
        throw new NetworkRefused(NetworkRefused.Kind.INVALID, "invalid CIDR address: " + context);
      }
      a = a << 8 | v;
    }
    return a;
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  static String dotted(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
  }

  static String cidr(int[] subnet) {
    return dotted(subnet[0]) + "/" + subnet[1];
  }

  static boolean overlaps(int[] a, int[] b) {
    int prefix = Math.min(a[1], b[1]);
    return (a[0] & mask(prefix)) == (b[0] & mask(prefix));
  }

  /** The first default pool that overlaps none of {@code taken}. */
  static int[] allocate(List<int[]> taken) {
    for (int second = 17; second <= 31; second++) {
      int[] candidate = {172 << 24 | second << 16, 16};
      if (taken.stream().noneMatch(t -> overlaps(t, candidate))) {
        return candidate;
      }
    }
    for (int third = 0; third < 256; third += 16) {
      int[] candidate = {192 << 24 | 168 << 16 | third << 8, 20};
      if (taken.stream().noneMatch(t -> overlaps(t, candidate))) {
        return candidate;
      }
    }
    throw new NetworkRefused(NetworkRefused.Kind.FORBIDDEN,
        "all predefined address pools have been fully subnetted");
  }
}
