package io.mockdocker.internal.engine;

import java.util.List;

/**
 * Members of a modern create body kept beside the container's config and host configuration: what its
 * {@code /etc/hosts} and {@code /etc/resolv.conf} are written from besides its host name and address (its domain
 * name, DNS servers, search domains and options, extra hosts as {@code name:ip}), and the config members inspect
 * prints back as sent ({@code NetworkDisabled}, the deprecated container-wide {@code MacAddress}, {@code ArgsEscaped}).
 * Extra hosts are checked here, as the daemon checked them at create.
 */
public record CreateExtras(String domainname, List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
    List<String> extraHosts, boolean networkDisabled, String macAddress, boolean argsEscaped) {

  /** Nothing beyond the config and the host configuration (the era's containers, the builder's). */
  public static final CreateExtras NONE = new CreateExtras("", null, null, null, null, false, "", false);

  public CreateExtras {
    domainname = domainname == null ? "" : domainname;
    dns = dns == null ? List.of() : List.copyOf(dns);
    dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    macAddress = macAddress == null ? "" : macAddress;
    EtcHosts.extraHosts(extraHosts);
  }
}
