package io.mockdocker;

import java.time.Duration;

/** One request the daemon answered: method, path (with its query), status and how long it took. */
public record RequestLogEntry(String method, String path, int status, Duration duration) {

  /** The console form: {@code GET /v1.2/images/json 200 3ms}. */
  @Override
  public String toString() {
    return method + " " + path + " " + status + " " + duration.toMillis() + "ms";
  }
}
