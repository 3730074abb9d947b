package io.mockdocker.api;

/**
 * What a modern API version (1.24–1.50) changes, as data: one field per difference, derived
 * from the number in {@link #of}. Endpoints read the fields; they never compare version numbers.
 *
 * @param multiplexedStreams 1.42+: non-TTY attach, exec and logs say {@code application/vnd.docker.multiplexed-stream}
 * @param waitCondition 1.30+: wait takes {@code condition} and sends its headers at once
 * @param buildAux 1.30+: build sends {@code {"aux":{"ID":…}}}
 * @param virtualSize below 1.44: image list and inspect carry {@code VirtualSize}
 * @param untaggedNone below 1.43: an untagged image lists {@code RepoTags ["<none>:<none>"]}
 * @param imageContainerFields below 1.45: image inspect carries {@code Container} and {@code ContainerConfig}
 * @param legacyEventFields below 1.52: events carry {@code status}, {@code id} and {@code from}
 * @param stopSignal 1.42+: stop takes {@code signal}
 * @param legacyNetworkFields below 1.52: container inspect's {@code NetworkSettings} carries the deprecated
 *     top-level {@code IPAddress}, {@code Gateway}, {@code MacAddress}, … fields
 * @param legacyImageConfig below 1.50: image inspect's {@code Config} has the container config's shape
 */
record ModernVersion(
    String number,
    boolean multiplexedStreams,
    boolean waitCondition,
    boolean buildAux,
    boolean virtualSize,
    boolean untaggedNone,
    boolean imageContainerFields,
    boolean legacyEventFields,
    boolean stopSignal,
    boolean legacyNetworkFields,
    boolean legacyImageConfig) {

  static ModernVersion of(String number) {
    return new ModernVersion(number,
        atLeast(number, "1.42"),
        atLeast(number, "1.30"),
        atLeast(number, "1.30"),
        !atLeast(number, "1.44"),
        !atLeast(number, "1.43"),
        !atLeast(number, "1.45"),
        !atLeast(number, "1.52"),
        atLeast(number, "1.42"),
        !atLeast(number, "1.52"),
        !atLeast(number, "1.50"));
  }

  private static boolean atLeast(String number, String version) {
    return compare(number, version) >= 0;
  }

  /** Compares dotted versions part by part as integers, as the daemon's {@code versions.compare} did. */
  static int compare(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return p < q ? -1 : 1;
      }
    }
    return 0;
  }

  private static int parse(String part) {
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
