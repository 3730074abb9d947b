package io.mockdocker.internal.http;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a modern API version (1.24–1.50) changes, as data: the {@link Feature} table says from which version and until
 * which one each difference holds, and a version's row is the set of features that hold at its number. Endpoints read
 * the named features; they never compare version numbers.
 */
public record ModernVersion(String number, Set<Feature> features) {

  /** One difference between modern versions, with the range where it holds: {@code since <= v < until}. */
  enum Feature {
    /** Non-TTY attach, exec and logs say {@code application/vnd.docker.multiplexed-stream}. */
    MULTIPLEXED_STREAMS("1.42", null),
    /** Wait takes {@code condition} and sends its headers at once. */
    WAIT_CONDITION("1.30", null),
    /** Build sends {@code {"aux":{"ID":…}}}. */
    BUILD_AUX("1.30", null),
    /** Image list and inspect carry {@code VirtualSize}. */
    VIRTUAL_SIZE(null, "1.44"),
    /** An untagged image lists {@code RepoTags ["<none>:<none>"]}. */
    UNTAGGED_NONE(null, "1.43"),
    /** Image inspect carries {@code Container} and {@code ContainerConfig}. */
    IMAGE_CONTAINER_FIELDS(null, "1.45"),
    /** Events carry {@code status}, {@code id} and {@code from}. */
    LEGACY_EVENT_FIELDS(null, "1.52"),
    /** Stop takes {@code signal}. */
    STOP_SIGNAL("1.42", null),
    /** The network list fills each network's {@code Containers}, as inspect does. */
    DETAILED_NETWORK_LIST(null, "1.28"),
    /** Container create takes more than one {@code NetworkingConfig.EndpointsConfig} entry. */
    MULTIPLE_ENDPOINTS_AT_CREATE("1.44", null),
    /** Container inspect's {@code NetworkSettings} carries the deprecated top-level {@code IPAddress}, … fields. */
    LEGACY_NETWORK_FIELDS(null, "1.52"),
    /** Image inspect's {@code Config} has the container config's shape. */
    LEGACY_IMAGE_CONFIG(null, "1.50"),
    /** Volume prune removes only anonymous volumes unless the {@code all} filter says otherwise. */
    PRUNE_ANONYMOUS_VOLUMES("1.42", null),
    /** Container create keeps {@code Healthcheck.StartInterval} (older versions drop it). */
    HEALTHCHECK_START_INTERVAL("1.44", null),
    /** Disk usage takes {@code type} to report only some object types. */
    DISK_USAGE_TYPE("1.42", null),
    /** Stats take {@code one-shot}. */
    STATS_ONE_SHOT("1.41", null),
    /** Update takes {@code PidsLimit}. */
    UPDATE_PIDS_LIMIT("1.40", null),
    /** Attach over WebSocket sends output as binary frames (text frames before). */
    WEBSOCKET_BINARY_FRAMES("1.28", null),
    /** Create warns that the container-wide {@code MacAddress} is deprecated (older versions take it quietly). */
    CONTAINER_MAC_DEPRECATED("1.44", null);

    /** The first version with the feature, or {@code null} for all before {@link #until}. */
    private final String since;
    /** The first version without it, or {@code null} for all from {@link #since}. */
    private final String until;

    Feature(String since, String until) {
      this.since = since;
      this.until = until;
    }

    boolean holdsAt(String number) {
      return (since == null || compare(number, since) >= 0) && (until == null || compare(number, until) < 0);
    }
  }

  public ModernVersion {
    features = Set.copyOf(features);
  }

  /** The versions made so far (at most {@link #KEPT} of them: a client can send any number). */
  private static final java.util.Map<String, ModernVersion> MADE = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int KEPT = 256;

  static ModernVersion of(String number) {
    ModernVersion made = MADE.get(number);
    if (made != null) {
      return made;
    }
    Set<Feature> features = EnumSet.noneOf(Feature.class);
    for (Feature feature : Feature.values()) {
      if (feature.holdsAt(number)) {
        features.add(feature);
      }
    }
    ModernVersion version = new ModernVersion(number, features);
    if (MADE.size() < KEPT) {
      MADE.put(number, version);
    }
    return version;
  }

  /** Whether create warns of the container-wide {@code MacAddress} (it refused one a network mode cannot take before). */
  public boolean containerMacDeprecated() {
    return has(Feature.CONTAINER_MAC_DEPRECATED);
  }

  boolean has(Feature feature) {
    return features.contains(feature);
  }

  public boolean websocketBinaryFrames() {
    return has(Feature.WEBSOCKET_BINARY_FRAMES);
  }

  public boolean multiplexedStreams() {
    return has(Feature.MULTIPLEXED_STREAMS);
  }

  public boolean waitCondition() {
    return has(Feature.WAIT_CONDITION);
  }

  public boolean buildAux() {
    return has(Feature.BUILD_AUX);
  }

  public boolean virtualSize() {
    return has(Feature.VIRTUAL_SIZE);
  }

  public boolean untaggedNone() {
    return has(Feature.UNTAGGED_NONE);
  }

  public boolean imageContainerFields() {
    return has(Feature.IMAGE_CONTAINER_FIELDS);
  }

  public boolean legacyEventFields() {
    return has(Feature.LEGACY_EVENT_FIELDS);
  }

  public boolean stopSignal() {
    return has(Feature.STOP_SIGNAL);
  }

  public boolean detailedNetworkList() {
    return has(Feature.DETAILED_NETWORK_LIST);
  }

  public boolean multipleEndpointsAtCreate() {
    return has(Feature.MULTIPLE_ENDPOINTS_AT_CREATE);
  }

  public boolean legacyNetworkFields() {
    return has(Feature.LEGACY_NETWORK_FIELDS);
  }

  public boolean pruneAnonymousVolumes() {
    return has(Feature.PRUNE_ANONYMOUS_VOLUMES);
  }

  public boolean diskUsageType() {
    return has(Feature.DISK_USAGE_TYPE);
  }

  public boolean statsOneShot() {
    return has(Feature.STATS_ONE_SHOT);
  }

  public boolean updatePidsLimit() {
    return has(Feature.UPDATE_PIDS_LIMIT);
  }

  public boolean legacyImageConfig() {
    return has(Feature.LEGACY_IMAGE_CONFIG);
  }

  public boolean healthcheckStartInterval() {
    return has(Feature.HEALTHCHECK_START_INTERVAL);
  }

  /** Compares dotted versions part by part as integers, as the daemon's {@code versions.compare} did. */
  static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    // part by part without splitting: this runs for every request the era view admits
    int i = 0;
    int j = 0;
    while (i <= a.length() || j <= b.length()) {
      int ei = i > a.length() ? i : end(a, i);
      int ej = j > b.length() ? j : end(b, j);
      int p = i > a.length() ? 0 : parse(a, i, ei);
      int q = j > b.length() ? 0 : parse(b, j, ej);
      if (p != q) {
        return p < q ? -1 : 1;
      }
      i = ei + 1;
      j = ej + 1;
    }
    return 0;
  }

  /** Where the dotted part starting at {@code from} ends. */
  private static int end(String s, int from) {
    int dot = s.indexOf('.', from);
    return dot < 0 ? s.length() : dot;
  }

  /** A part as Go's strconv.Atoi read it there, 0 when it is not a number. */
  private static int parse(String s, int from, int to) {
    try {
      return Integer.parseInt(s, from, to, 10);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
