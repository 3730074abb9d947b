package io.mockdocker.internal.http.modern;

import io.mockdocker.internal.http.ApiError;
import io.mockdocker.internal.http.Call;
import io.mockdocker.internal.http.ModernVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} of a prune as the daemon read them: only the endpoint's keys ({@code invalid filter '<key>'}
 * else), at most one {@code until} (a time, or a duration before now), {@code label=k} / {@code label=k=v} (all must
 * hold) and {@code label!=…} (refuses only when all hold).
 */
record ModernPruneFilters(ModernFilters filters, Instant until) {
  /** What container and network prunes take. */
  static final Set<String> COMMON_KEYS = Set.of("label", "label!", "until");

  static ModernPruneFilters parse(Call<ModernVersion> call, Set<String> keys, Instant now) {
    ModernFilters filters = ModernFilters.parse(call.param("filters"));
    for (String key : filters.keys()) {
      if (!keys.contains(key)) {
        throw new ApiError(400, "invalid filter '" + key + "'");
      }
    }
    List<String> untils = filters.get("until");
    if (untils.size() > 1) {
      throw new ApiError(400, "more than one until filter specified");
    }
    return new ModernPruneFilters(filters, untils.isEmpty() ? null : ModernTimes.parse(untils.get(0), now));
  }

  /** Created at or before {@code until}, and the labels pass {@code label} and {@code label!}. */
  boolean accepts(Instant created, Map<String, String> labels) {
    return (until == null || !created.isAfter(until)) && filters.labels(labels) && filters.notLabels(labels);
  }
}
