package io.mockdocker.engine;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A container as the engine records it. Containers made by this daemon so far are the helper containers insert
 * leaves behind; they were created and never started.
 */
public record Container(String id, OffsetDateTime created, String path, List<String> args, Config config,
    String image) {

  public String shortId() {
    return Ids.shortId(id);
  }
}
