package io.mockdocker;

import io.mockdocker.internal.http.EraFeatures;
import java.util.List;
import java.util.Objects;

/**
 * The docker release of the era (2013) whose daemon the era view plays: {@link #V0_3_3}, {@link #V0_4_0} …
 * {@link #V0_4_4} (the default). A release fixes which API versions are served (0.3.3: 1.0 only; 0.4.0: up to 1.1;
 * 0.4.1 and later: up to 1.2), what {@code /version} and {@code /info} answer, and every behaviour that changed
 * between those releases: the spelling and set of JSON keys, CORS, the statuses of some errors, removing a running
 * container, an attach on a stopped one, the forms of {@code PortSpecs}, the local DNS warning, the text of builds
 * and of progress streams. The images the daemon makes record its version as {@code docker_version}; apart from
 * that, the modern view does not depend on it. A value, compared by name.
 */
public final class EraRelease {
  /** docker 0.3.3 (API 1.0). */
  public static final EraRelease V0_3_3 = new EraRelease("0.3.3");
  /** docker 0.4.0 (API 1.1). */
  public static final EraRelease V0_4_0 = new EraRelease("0.4.0");
  /** docker 0.4.1 (API 1.2). */
  public static final EraRelease V0_4_1 = new EraRelease("0.4.1");
  /** docker 0.4.2 (API 1.2). */
  public static final EraRelease V0_4_2 = new EraRelease("0.4.2");
  /** docker 0.4.3 (API 1.2). */
  public static final EraRelease V0_4_3 = new EraRelease("0.4.3");
  /** docker 0.4.4 (API 1.2): the default. */
  public static final EraRelease V0_4_4 = new EraRelease("0.4.4");

  private static final List<EraRelease> ALL = List.of(V0_3_3, V0_4_0, V0_4_1, V0_4_2, V0_4_3, V0_4_4);

  private final String name;

  private EraRelease(String name) {
    this.name = name;
  }

  /** The release named {@code 0.4.0} and so on; an unknown name fails, listing the known ones. */
  public static EraRelease of(String name) {
    Objects.requireNonNull(name, "name");
    String wanted = name.trim();
    for (EraRelease release : ALL) {
      if (release.name.equals(wanted)) {
        return release;
      }
    }
    throw new IllegalArgumentException("unknown release " + name + " (known: " + String.join(", ", names()) + ")");
  }

  /** Every release, oldest first. */
  public static List<EraRelease> all() {
    return ALL;
  }

  /** The names of every release, oldest first. */
  public static List<String> names() {
    return ALL.stream().map(EraRelease::name).toList();
  }

  /** The default release, {@link #V0_4_4}. */
  public static EraRelease defaultRelease() {
    return V0_4_4;
  }

  /** The version string, e.g. {@code 0.4.0}, as its {@code /version} reports it. */
  public String name() {
    return name;
  }

  /** The newest API version this release serves ({@code 1.0}, {@code 1.1} or {@code 1.2}). */
  public String newestApiVersion() {
    return features().newestApi();
  }

  /** The view's data row for this release (not public API: its package is not exported). */
  EraFeatures features() {
    return EraFeatures.forRelease(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EraRelease r && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "docker " + name;
  }
}
