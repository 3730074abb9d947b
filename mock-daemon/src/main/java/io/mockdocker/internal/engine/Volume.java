package io.mockdocker.internal.engine;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named volume as the daemon showed it: its name, driver ({@code local}), creation time, labels and driver options,
 * and the IDs of the containers that use it (empty for a dangling volume).
 */
public record Volume(String name, String driver, OffsetDateTime created, Map<String, String> labels,
    Map<String, String> options, List<String> usedBy) {
  /** The label the daemon set on a volume created without a name. */
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

  public Volume {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    usedBy = List.copyOf(usedBy);
  }

  /** Where the daemon kept the volume's files. */
  public String mountpoint() {
    return "/var/lib/docker/volumes/" + name + "/_data";
  }

  public boolean anonymous() {
    return labels.containsKey(ANONYMOUS_LABEL);
  }
}
