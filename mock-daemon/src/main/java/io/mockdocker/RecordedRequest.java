package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One request the daemon answered, as its {@link RequestJournal} recorded it.
 *
 * @param method the request method, such as {@code POST}
 * @param path the path as sent, with its {@code /vX.Y} prefix if it had one, without the query
 * @param version the API version of the prefix ({@code "1.2"}), or {@code ""} when the path had none
 * @param query the query string without {@code ?}, or {@code ""}
 * @param body the first {@value RequestJournal#BODY_SAMPLE_BYTES} bytes of the request body as UTF-8
 * @param bodyLength how many body bytes the daemon read (the whole body when the endpoint consumed it)
 * @param status the status the daemon answered with, or 0 while no response has started (a fault may have ended
 *     the connection before one did)
 * @param duration from the start of the request to the end of its response
 * @param completedAt when the response ended, on the daemon's clock
 * @param unmatched whether the router matched no route and answered mux's {@code 404 page not found}
 * @param faults the faults that fired on this request, in order, each as {@code Fault.toString()} reads
 */
public record RecordedRequest(String method, String path, String version, String query, String body,
    long bodyLength, int status, Duration duration, Instant completedAt, boolean unmatched, List<String> faults) {

  public RecordedRequest {
    faults = List.copyOf(faults);
  }

  /** A request no fault fired on. */
  public RecordedRequest(String method, String path, String version, String query, String body, long bodyLength,
      int status, Duration duration, Instant completedAt, boolean unmatched) {
    this(method, path, version, query, body, bodyLength, status, duration, completedAt, unmatched, List.of());
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** The path without its version prefix: {@code /images/create} for {@code /v1.2/images/create}. */
  public String unversionedPath() {
    return version.isEmpty() ? path : path.substring(2 + version.length());
  }

  /** The path and the query, as in the request line. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
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
