package io.mockdocker.internal.http.era;

import java.util.List;

/**
 * The local DNS check of docker 0.4.1 and later: a daemon whose own {@code resolv.conf} names a DNS server on the
 * loopback (which a container could not reach) gave a create without {@code Dns} two public servers instead, and
 * said so in the create's warnings. The check was a plain text search of the file.
 */
final class LocalDns {
  private LocalDns() {}

  /** The servers the daemon fell back to. */
  static final List<String> PUBLIC_SERVERS = List.of("8.8.8.8", "8.8.4.4");

  /** The warning, with the servers as Go's {@code %v} wrote a list of strings. */
  static final String WARNING = "Docker detected local DNS server on resolv.conf. Using default external servers: ["
      + String.join(" ", PUBLIC_SERVERS) + "]";

  /** Whether the text names {@code 127.0.0.1} or {@code 127.0.1.1} anywhere (a comment counts, as it did). */
  static boolean named(String resolvConf) {
    return resolvConf.contains("127.0.0.1") || resolvConf.contains("127.0.1.1");
  }
}
