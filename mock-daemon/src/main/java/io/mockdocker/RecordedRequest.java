package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request the daemon answered, as its {@link RequestJournal} recorded it and as
 * {@link MockDocker.Builder#onRequest} reports it: an immutable value.
 */
public final class RecordedRequest {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String method;
  private final String rawTarget;
  private final String path;
  private final String version;
  private final String query;
  private final Map<String, List<String>> headers;
  private final String body;
  private final long bodyLength;
  private final int status;
  private final Duration duration;
  private final Instant completedAt;
  private final boolean unmatched;
  private final List<String> faults;

  RecordedRequest(String method, String rawTarget, String path, String version, String query,
      Map<String, List<String>> headers, String body, long bodyLength, int status, Duration duration,
      Instant completedAt, boolean unmatched, List<String> faults) {
    this(method, rawTarget, path, version, query, copy(headers), body, bodyLength, status, duration, completedAt,
        unmatched, faults, true);
  }

  /** With {@code headers} already an unmodifiable copy (an entry evolving keeps its request's headers). */
  private RecordedRequest(String method, String rawTarget, String path, String version, String query,
      Map<String, List<String>> headers, String body, long bodyLength, int status, Duration duration,
      Instant completedAt, boolean unmatched, List<String> faults, boolean headersCopied) {
    this.method = Objects.requireNonNull(method, "method");
    this.rawTarget = Objects.requireNonNull(rawTarget, "rawTarget");
    this.path = Objects.requireNonNull(path, "path");
    this.version = Objects.requireNonNull(version, "version");
    this.query = Objects.requireNonNull(query, "query");
    this.headers = headers;
    this.body = Objects.requireNonNull(body, "body");
    this.bodyLength = bodyLength;
    this.status = status;
    this.duration = Objects.requireNonNull(duration, "duration");
    this.completedAt = Objects.requireNonNull(completedAt, "completedAt");
    this.unmatched = unmatched;
    this.faults = List.copyOf(faults);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /** The request method, such as {@code POST}. */
  public String method() {
    return method;
  }

  /** The path with its {@code /vX.Y} prefix if it had one, without the query, decoded. */
  public String path() {
    return path;
  }

  /** The API version of the prefix ({@code "1.2"}), or {@code ""} when the path had none. */
  public String version() {
    return version;
  }

  /** The query string without {@code ?}, or {@code ""}. */
  public String query() {
    return query;
  }

  /** The request's headers by name, in any case ({@code headers().get("content-type")}); each with its values. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, or {@code null} when the request had none. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first {@value RequestJournal#BODY_SAMPLE_BYTES} bytes of the request body as UTF-8. */
  public String body() {
    return body;
  }

  /** How many body bytes the daemon read (the whole body when the endpoint consumed it). */
  public long bodyLength() {
    return bodyLength;
  }

  /**
   * The status the daemon answered with, or 0 while no response has started (a fault may have ended the connection
   * before one did).
   */
  public int status() {
    return status;
  }

  /** From the start of the request to the end of its response. */
  public Duration duration() {
    return duration;
  }

  /** When the response ended, on the daemon's clock. */
  public Instant completedAt() {
    return completedAt;
  }

  /** Whether the router matched no route and answered mux's {@code 404 page not found}. */
  public boolean unmatched() {
    return unmatched;
  }

  /** The faults that fired on this request, in order, each as {@code Fault.toString()} reads. */
  public List<String> faults() {
    return faults;
  }

  /** The path without its version prefix: {@code /images/create} for {@code /v1.2/images/create}. */
  public String unversionedPath() {
    return version.isEmpty() ? path : path.substring(2 + version.length());
  }

  /** The path and the query, as in the request line. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** The same request with another status, duration, time, body count and faults: how an entry evolves. */
  RecordedRequest with(String body, long bodyLength, int status, Duration duration, Instant completedAt,
      boolean unmatched, List<String> faults) {
    return new RecordedRequest(method, rawTarget, path, version, query, headers, body, bodyLength, status, duration,
        completedAt, unmatched, faults, true);
  }

  /**
   * The console form the standalone daemon prints for each request: method, the target as sent, status and
   * duration, {@code GET /v1.2/images/json 200 3ms}.
   */
  public String line() {
    return method + " " + rawTarget + " " + status + " " + duration.toMillis() + "ms";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedRequest r && r.method.equals(method) && r.rawTarget.equals(rawTarget)
        && r.path.equals(path) && r.version.equals(version) && r.query.equals(query) && r.headers.equals(headers)
        && r.body.equals(body) && r.bodyLength == bodyLength && r.status == status && r.duration.equals(duration)
        && r.completedAt.equals(completedAt) && r.unmatched == unmatched && r.faults.equals(faults);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawTarget, path, version, query, headers, body, bodyLength, status, duration,
        completedAt, unmatched, faults);
  }

  /**
   * One line: completion time (UTC), method, target, status, duration, and the body size when there was one:
   * {@code 12:00:01.250 POST /v1.2/images/create?fromImage=base 200 35ms}, then the faults that fired, if any:
   * {@code [faults: reset(at=head of POST /images/create #2)]}.
   */
  @Override
  public String toString() {
    return TIME.format(completedAt) + " " + method + " " + target() + " " + status + " " + duration.toMillis() + "ms"
        + (bodyLength > 0 ? " (body " + bodyLength + " bytes)" : "") + (unmatched ? " [unmatched]" : "")
        + (faults.isEmpty() ? "" : " [faults: " + String.join("; ", faults) + "]");
  }
}
