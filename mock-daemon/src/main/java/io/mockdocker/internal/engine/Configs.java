package io.mockdocker.internal.engine;

import io.mockdocker.registry.Config;
import io.mockdocker.registry.Healthcheck;
import java.util.List;
import java.util.Objects;

/** MergeConfig and CompareConfig of the era. */
final class Configs {
  private Configs() {}

  /** The user's config with each empty field taken from the image's config, as MergeConfig did. */
  static Config merge(Config user, Config image) {
    if (image == null) {
      return user;
    }
    Config.Builder b = user.toBuilder();
    if (user.hostname().isEmpty()) b.hostname(image.hostname());
    if (user.user().isEmpty()) b.user(image.user());
    if (user.memory() == 0) b.memory(image.memory());
    if (user.memorySwap() == 0) b.memorySwap(image.memorySwap());
    if (user.cpuShares() == 0) b.cpuShares(image.cpuShares());
    if (isEmpty(user.portSpecs())) b.portSpecs(image.portSpecs());
    if (!user.tty()) b.tty(image.tty());
    if (!user.openStdin()) b.openStdin(image.openStdin());
    if (!user.stdinOnce()) b.stdinOnce(image.stdinOnce());
    if (isEmpty(user.env())) b.env(image.env());
    if (isEmpty(user.entrypoint())) { // as the daemon: an unset entrypoint is the image's, even with a command
      if (isEmpty(user.cmd())) {
        b.cmd(image.cmd());
      }
      if (user.entrypoint() == null) {
        b.entrypoint(image.entrypoint());
      }
    }
    if (user.workingDir().isEmpty()) b.workingDir(image.workingDir());
    if (image.labels() != null && !image.labels().isEmpty()) {
      java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(image.labels());
      if (user.labels() != null) {
        labels.putAll(user.labels());
      }
      b.labels(labels);
    }
    if (isEmpty(user.dns())) b.dns(image.dns());
    b.healthcheck(mergeHealthcheck(user.healthcheck(), image.healthcheck()));
    if (user.stopSignal().isEmpty()) b.stopSignal(image.stopSignal());
    return b.build();
  }

  /** The user's health check with each unset (empty, zero) member taken from the image's, as the daemon merged. */
  static Healthcheck mergeHealthcheck(Healthcheck user, Healthcheck image) {
    if (image == null || user == null) {
      return user == null ? image : user;
    }
    return new Healthcheck(user.test().isEmpty() ? image.test() : user.test(),
        user.interval().isZero() ? image.interval() : user.interval(),
        user.timeout().isZero() ? image.timeout() : user.timeout(),
        user.startPeriod().isZero() ? image.startPeriod() : user.startPeriod(),
        user.startInterval().isZero() ? image.startInterval() : user.startInterval(),
        user.retries() == 0 ? image.retries() : user.retries());
  }

  /**
   * CompareConfig: equal commands, DNS, environment and port specs element by element ({@code null} equals
   * {@code []}), the same user, memory, swap, CPU shares, TTY and stdout/stderr attachment; never equal when either
   * opens stdin or is {@code null}.
   */
  static boolean sameForCache(Config a, Config b) {
    if (a == null || b == null || a.openStdin() || b.openStdin()) {
      return false;
    }
    return a.attachStdout() == b.attachStdout()
        && a.attachStderr() == b.attachStderr()
        && a.user().equals(b.user())
        && a.memory() == b.memory()
        && a.memorySwap() == b.memorySwap()
        && a.cpuShares() == b.cpuShares()
        && a.tty() == b.tty()
        && sameList(a.cmd(), b.cmd())
        && sameList(a.dns(), b.dns())
        && sameList(a.env(), b.env())
        && sameList(a.portSpecs(), b.portSpecs());
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }

  private static boolean sameList(List<String> a, List<String> b) {
    return Objects.equals(a == null ? List.of() : a, b == null ? List.of() : b);
  }
}
