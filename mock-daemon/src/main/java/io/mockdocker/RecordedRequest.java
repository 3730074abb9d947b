package io.mockdocker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One request the daemon answered, as its {@link RequestJournal} recorded it.
 *
 * @param method the request method, such as {@code POST}
 * @param path the path as sent, with its {@code /vX.Y} prefix if it had one, without the query
 * @param version the API version of the prefix ({@code "1.2"}), or {@code ""} when the path had none
 * @param query the query string without {@code ?}, or {@code ""}
 * @param body the first {@value RequestJournal#BODY_SAMPLE_BYTES} bytes of the request body as UTF-8
 * @param bodyLength how many body bytes the daemon read (the whole body when the endpoint consumed it)
 * @param status the status the daemon answered with
 * @param duration from the start of the request to the end of its response
 * @param completedAt when the response ended, on the daemon's clock
 * @param unmatched whether the router matched no route and answered mux's {@code 404 page not found}
 */
public record RecordedRequest(String method, String path, String version, String query, String body,
    long bodyLength, int status, Duration duration, Instant completedAt, boolean unmatched) {

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
   * {@code 12:00:01.250 POST /v1.2/images/create?fromImage=base 200 35ms}.
   */
  @Override
  public String toString() {
    return TIME.format(completedAt) + " " + method + " " + target() + " " + status + " " + duration.toMillis() + "ms"
        + (bodyLength > 0 ? " (body " + bodyLength + " bytes)" : "") + (unmatched ? " [unmatched]" : "");
  }
}
