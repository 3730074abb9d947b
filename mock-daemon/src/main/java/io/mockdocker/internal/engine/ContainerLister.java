package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container list as {@code GET /containers/json} computed it for {@link Containers}: the era's selection by
 * {@code all}, {@code limit}, {@code since} and {@code before}, each row's image name and its status text.
 */
final class ContainerLister {
  private final StateLock lock;
  private final TagStore tags;
  private final Clock clock;
  private final ContainerStore store;

  ContainerLister(StateLock lock, TagStore tags, Clock clock, ContainerStore store) {
    this.lock = lock;
    this.tags = tags;
    this.clock = clock;
    this.store = store;
  }

  /** The rows; with {@code withSizes} each container's sizes, else -1 for both (see {@link Containers#list}). */
  List<ContainerListing> list(boolean all, int limit, String since, String before, boolean withSizes) {
    List<ContainerListing> out = new ArrayList<>();
    boolean foundBefore = false;
    int displayed = 0;
    Map<String, List<String>> names = lock.locked(tags::byId);
    for (LiveContainer c : store.all()) {
      Container snap = c.snapshot();
      if (!snap.state().running() && !all && limit == -1 && since.isEmpty() && before.isEmpty()) {
        continue;
      }
      if (!before.isEmpty()) {
        if (snap.shortId().equals(before)) {
          foundBefore = true;
          continue;
        }
        if (!foundBefore) {
          continue;
        }
      }
      if (displayed == limit) {
        break;
      }
      if (!since.isEmpty() && snap.shortId().equals(since)) {
        break;
      }
      displayed++;
      List<String> imageNames = names.get(snap.image());
      String image = imageNames == null || imageNames.isEmpty() ? Ids.shortId(snap.image()) : imageNames.get(0);
      long[] sizes = withSizes ? store.sizes(c) : NO_SIZES;
      out.add(new ContainerListing(snap, image, status(snap.state()), sizes[0], sizes[1]));
    }
    return out;
  }

  private static final long[] NO_SIZES = {-1, -1};

  private String status(ContainerState state) {
    if (state.running()) {
      if (state.ghost()) {
        return "Ghost";
      }
      return "Up " + HumanUnits.duration(java.time.Duration.between(state.startedAt().toInstant(), clock.now()));
    }
    return "Exit " + state.exitCode();
  }
}
