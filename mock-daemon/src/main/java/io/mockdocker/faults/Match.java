package io.mockdocker.faults;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which exchanges a {@link Fault} applies to: every condition that is set must hold (use {@link #and(Match)} to
 * combine). An immutable value; the counting for {@code nth} and the seeded draws for {@code probability} belong to
 * the installed fault, so the same value installed twice counts twice from the start.
 *
 * <p>The path pattern is the journal's: it is matched against the path without its {@code /vX.Y} prefix and query,
 * {@code *} stands for any characters but {@code /} and {@code **} for any characters. The version is the prefix's
 * number, a path without one counting as the latest ({@code 1.2}). The name is an image or container as the request
 * names it: the path's {@code /images/NAME/…} or {@code /containers/ID/…}, or the query's {@code fromImage},
 * {@code name} or {@code t}; {@code busybox} also matches {@code busybox:latest} and {@code docker.io/library/busybox},
 * and an ID matches its prefixes. The window is on the daemon's clock, from inclusive, until exclusive.
 *
 * <pre>{@code
 * Match.request("POST", "/images/create").name("busybox").nth(2)
 * Match.pull("busybox").everyNth(3)
 * Match.request("*", "/containers/**").probability(0.25, 42)
 * }</pre>
 */
public final class Match {
  private final String method;
  private final String path;
  private final String version;
  private final String name;
  private final int nth;
  private final int every;
  private final double probability;
  private final long seed;
  private final Instant from;
  private final Instant until;

  private Match(String method, String path, String version, String name, int nth, int every, double probability,
      long seed, Instant from, Instant until) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    glob(path);
    if (nth < 0 || every < 0) {
      throw new IllegalArgumentException("nth and every count calls from 1 (0 for none): " + nth + ", " + every);
    }
    if (nth > 0 && every > 0) {
      throw new IllegalArgumentException("a match is either the nth call or every nth call, not both");
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("a probability is from 0 to 1: " + probability);
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("an empty window: " + from + " .. " + until);
    }
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
    this.version = version;
    this.name = name;
    this.nth = nth;
    this.every = every;
    this.probability = probability;
    this.seed = seed;
    this.from = from;
    this.until = until;
  }

  /** An HTTP method, or {@code *} for any. */
  public String method() {
    return method;
  }

  /** A path pattern starting with {@code /}. */
  public String path() {
    return path;
  }

  /** An API version such as {@code 1.1}, or {@code null} for any. */
  public String version() {
    return version;
  }

  /** An image or container name, or {@code null} for any. */
  public String name() {
    return name;
  }

  /** The one call (from 1) among those the other conditions match, or 0. */
  public int nth() {
    return nth;
  }

  /** Every so many such calls (3: the 3rd, 6th, …), or 0. */
  public int every() {
    return every;
  }

  /** The chance that a call the other conditions match is chosen, from 0 to 1. */
  public double probability() {
    return probability;
  }

  /** The seed of the draws for {@link #probability()}, so a run can be repeated. */
  public long seed() {
    return seed;
  }

  /** The start of the window on the daemon's clock, or {@code null}. */
  public Instant from() {
    return from;
  }

  /** The end of the window on the daemon's clock, or {@code null}. */
  public Instant until() {
    return until;
  }

  /** Every request. */
  public static Match any() {
    return request("*", "/**");
  }

  /** Requests with this method ({@code *} for any) whose unversioned path matches the pattern. */
  public static Match request(String method, String pathPattern) {
    return new Match(method, pathPattern, null, null, 0, 0, 1, 0, null, null);
  }

  /** Pulls of this image: {@code POST /images/create?fromImage=NAME}. */
  public static Match pull(String image) {
    return request("POST", "/images/create").name(image);
  }

  /** Pushes of this repository: {@code POST /images/NAME/push}. */
  public static Match push(String repository) {
    return request("POST", "/images/**/push").name(repository);
  }

  /** Attaches to this container: {@code POST /containers/ID/attach}. */
  public static Match attach(String container) {
    return request("POST", "/containers/*/attach").name(container);
  }

  public Match version(String version) {
    return new Match(method, path, Objects.requireNonNull(version, "version"), name, nth, every, probability, seed,
        from, until);
  }

  public Match name(String name) {
    return new Match(method, path, version, Objects.requireNonNull(name, "name"), nth, every, probability, seed,
        from, until);
  }

  public Match nth(int n) {
    positive(n);
    return new Match(method, path, version, name, n, 0, probability, seed, from, until);
  }

  public Match everyNth(int n) {
    positive(n);
    return new Match(method, path, version, name, 0, n, probability, seed, from, until);
  }

  public Match probability(double p, long seed) {
    return new Match(method, path, version, name, nth, every, p, seed, from, until);
  }

  /** Within this window of the daemon's clock; either end may be {@code null} for open. */
  public Match between(Instant from, Instant until) {
    return new Match(method, path, version, name, nth, every, probability, seed, from, until);
  }

  /**
   * Both matches: each condition set in either, which must not conflict (two different paths, two nth calls).
   *
   * @throws IllegalArgumentException naming the conflicting condition
   */
  public Match and(Match other) {
    return new Match(
        pick("method", method, other.method, "*"), pick("path", path, other.path, "/**"),
        pick("version", version, other.version, null), pick("name", name, other.name, null),
        pick("nth", nth, other.nth, 0), pick("every", every, other.every, 0),
        pick("probability", probability, other.probability, 1.0),
        pick("seed", seed, other.seed, 0L), pick("from", from, other.from, null),
        pick("until", until, other.until, null));
  }

  /** Whether a method and an unversioned path match the method and the path pattern (the journal's matching). */
  public boolean matchesRoute(String requestMethod, String unversionedPath) {
    return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
        && glob(path).matcher(unversionedPath).matches();
  }

  /** Whether the version condition holds for a request's prefix ({@code ""} for none, counted as 1.2). */
  boolean matchesVersion(String requestVersion) {
    if (version == null) {
      return true;
    }
    try {
      double asked = Double.parseDouble(version);
      double got = requestVersion.isEmpty() ? 1.2 : Double.parseDouble(requestVersion);
      return asked == got;
    } catch (NumberFormatException e) {
      return version.equals(requestVersion);
    }
  }

  /** Whether the name condition holds for one of the names the request carries. */
  boolean matchesName(Iterable<String> names) {
    if (name == null) {
      return true;
    }
    for (String candidate : names) {
      if (sameName(name, candidate)) {
        return true;
      }
    }
    return false;
  }

  boolean inWindow(Instant now) {
    return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
  }

  /** The journal's path patterns as a regular expression. */
  public static Pattern glob(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
    }
    StringBuilder regex = new StringBuilder();
    int literal = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) != '*') {
        continue;
      }
      regex.append(Pattern.quote(pattern.substring(literal, i)));
      if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else {
        regex.append("[^/]*");
      }
      literal = i + 1;
    }
    regex.append(Pattern.quote(pattern.substring(literal)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static boolean sameName(String wanted, String candidate) {
    String c = candidate.startsWith("docker.io/library/") ? candidate.substring(18) : candidate;
    if (c.equals(wanted) || !wanted.contains(":") && c.startsWith(wanted + ":") && !c.substring(wanted.length() + 1)
        .contains("/")) {
      return true;
    }
    boolean hex = wanted.length() >= 4 && c.length() >= 4 && wanted.matches("[0-9a-f]+") && c.matches("[0-9a-f]+");
    return hex && (c.startsWith(wanted) || wanted.startsWith(c));
  }

  private static void positive(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("calls are counted from 1: " + n);
    }
  }

  private static <T> T pick(String what, T mine, T theirs, T unset) {
    if (Objects.equals(mine, unset)) {
      return theirs;
    }
    if (Objects.equals(theirs, unset) || Objects.equals(mine, theirs)) {
      return mine;
    }
    throw new IllegalArgumentException("conflicting " + what + ": " + mine + " and " + theirs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Match m && m.method.equals(method) && m.path.equals(path)
        && Objects.equals(m.version, version) && Objects.equals(m.name, name) && m.nth == nth && m.every == every
        && Double.compare(m.probability, probability) == 0 && m.seed == seed && Objects.equals(m.from, from)
        && Objects.equals(m.until, until);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, version, name, nth, every, probability, seed, from, until);
  }

  /** E.g. {@code POST /images/create name=busybox #2} or {@code * /** every 3rd p=0.5 seed=7}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(method).append(' ').append(path);
    if (version != null) {
      s.append(" v").append(version);
    }
    if (name != null) {
      s.append(" name=").append(name);
    }
    if (nth > 0) {
      s.append(" #").append(nth);
    }
    if (every > 0) {
      s.append(" every ").append(every).append(every == 1 ? "st" : every == 2 ? "nd" : every == 3 ? "rd" : "th");
    }
    if (probability < 1) {
      s.append(" p=").append(probability).append(" seed=").append(seed);
    }
    if (from != null || until != null) {
      s.append(" during ").append(from == null ? "…" : from).append("..").append(until == null ? "…" : until);
    }
    return s.toString();
  }
}
