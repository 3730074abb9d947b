package io.mockdocker.internal.engine;

import io.mockdocker.internal.engine.Mounts.Attached;
import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.internal.shell.RootedPaths;
import io.mockdocker.registry.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container's processes see of its files: the root file system with its mounts laid over it, and the
 * {@code /etc} files ({@code hostname}, {@code hosts}, {@code resolv.conf}) the daemon kept in the container's
 * directory.
 */
final class MountView {
  private MountView() {}

  /** The files the daemon keeps in a container's directory and mounts over its {@code /etc}. */
  static final List<String> ETC_FILES = List.of("hostname", "hosts", "resolv.conf");

  /**
   * Writes a container's {@code hostname}, {@code hosts} and {@code resolv.conf} into its directory {@code dir} at
   * start, as the daemon did (the extra hosts, then its own address and names in {@code hosts}; the DNS servers asked
   * for or the public ones the daemon fell back to, then the search domains and options asked for). No mount point is made in the root file system: the daemon made them in a layer of
   * its own under the container's, so they never show in a diff or a commit.
   */
  static void writeEtc(Path dir, Config config, CreateExtras extras, String ip) {
    String hosts = EtcHosts.text(EtcHosts.extraHosts(extras.extraHosts()), ip, config.hostname(), extras.domainname());
    StringBuilder resolv = new StringBuilder();
    List<String> dns = !extras.dns().isEmpty() ? extras.dns()
        : config.dns() == null || config.dns().isEmpty() ? List.of("8.8.8.8", "8.8.4.4") : config.dns();
    dns.forEach(server -> resolv.append("nameserver ").append(server).append('\n'));
    if (!extras.dnsSearch().isEmpty()) {
      resolv.append("search ").append(String.join(" ", extras.dnsSearch())).append('\n');
    }
    if (!extras.dnsOptions().isEmpty()) {
      resolv.append("options ").append(String.join(" ", extras.dnsOptions())).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hostname"), config.hostname() + "\n");
      Files.writeString(dir.resolve("hosts"), hosts);
      Files.writeString(dir.resolve("resolv.conf"), resolv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a process sees: the root file system with the mounts whose files exist (tmpfs only while running) and, for
   * a container with a mount table (the modern view's), the {@code /etc} files of its directory {@code dir}, unless
   * a mount of its own covers them.
   */
  static FsRoot view(Path rootfs, Path dir, List<Attached> mounts) {
    if (mounts == null) {
      return FsRoot.of(rootfs);
    }
    List<FsRoot.Mount> table = new ArrayList<>();
    for (String name : ETC_FILES) {
      Path file = dir.resolve(name);
      String destination = "/etc/" + name;
      if (Files.isRegularFile(file) && mounts.stream().noneMatch(a -> a.point().destination().equals(destination))) {
        table.add(new FsRoot.Mount(inRoot(rootfs, destination), file, false));
      }
    }
    for (Attached a : mounts) {
      if (Files.exists(a.data(), LinkOption.NOFOLLOW_LINKS)) {
        table.add(new FsRoot.Mount(inRoot(rootfs, a.point().destination()), a.data(), !a.point().rw()));
      }
    }
    return FsRoot.of(rootfs, table);
  }

  /** Where a destination really is, links in the root file system followed (as the daemon mounted it). */
  private static String inRoot(Path rootfs, String destination) {
    try {
      String real = "/" + rootfs.relativize(RootedPaths.resolve(rootfs, destination, true));
      return real.length() > 1 && real.endsWith("/") ? real.substring(0, real.length() - 1) : real;
    } catch (IOException e) {
      return destination;
    }
  }
}
