package io.mockdocker;

import io.mockdocker.faults.Match;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every request the daemon answered, oldest first, bounded to the most recent ones (10,000 by default). Thread-safe:
 * the daemon records while tests read.
 *
 * <p>A request is recorded when its response starts, before the client can see any of it, so a test that got a
 * response finds its request here. The entry is completed when the response ends: until then its duration and time
 * are those of the response's start, and its body length what the endpoint had read by then.
 *
 * <p>Patterns match the path without its version prefix and without the query: {@code /images/create} matches
 * {@code /v1.2/images/create?fromImage=base} and {@code /images/create}. In a pattern, {@code *} stands for any
 * characters except {@code /}, and {@code **} for any characters at all, so <code>/images/&#42;&#42;/push</code>
 * matches a push of {@code me/app} where <code>/images/&#42;/push</code> matches only names without a slash. The
 * method {@code *} matches every method.
 *
 * <pre>{@code
 * docker.journal().verify(1, "POST", "/images/create");
 * int deletes = docker.journal().count("DELETE", "/images/**");
 * assertThat(docker.journal().unmatched()).isEmpty();
 * }</pre>
 */
public final class RequestJournal {
  /** How many leading body bytes each {@link RecordedRequest} keeps. */
  public static final int BODY_SAMPLE_BYTES = 200;
  static final int DEFAULT_CAPACITY = 10_000;
  private static final int DUMP_LINES = 100;

  /** Most requests kept. */
  private final int capacity;
  /**
   * The kept requests, sequence number modulo its length: it starts small and doubles while it is full, up to
   * {@link #capacity}, so that a daemon that answers a few requests does not allocate room for ten thousand.
   */
  private RecordedRequest[] ring;
  /** The sequence number the next request gets. */
  private long next;
  /** The first sequence number since the last reset. */
  private long first;

  RequestJournal(int capacity) {
    this.capacity = capacity;
    this.ring = new RecordedRequest[Math.min(capacity, INITIAL_ROOM)];
  }

  private static final int INITIAL_ROOM = 32;

  /** Adds a request and returns its sequence number, for {@link #update}. */
  synchronized long record(RecordedRequest request) {
    if (ring.length < capacity && next - first >= ring.length) {
      grow();
    }
    long seq = next++;
    ring[(int) (seq % ring.length)] = request;
    return seq;
  }

  /** Replaces a request recorded earlier, unless a reset or newer requests have pushed it out. */
  synchronized void update(long seq, RecordedRequest request) {
    if (seq >= oldest() && seq < next) {
      ring[(int) (seq % ring.length)] = request;
    }
  }

  /** Doubles the ring (up to the capacity), keeping every recorded request at its new place. */
  private void grow() {
    RecordedRequest[] larger = new RecordedRequest[(int) Math.min(capacity, 2L * ring.length)];
    for (long seq = oldest(); seq < next; seq++) {
      larger[(int) (seq % larger.length)] = ring[(int) (seq % ring.length)];
    }
    ring = larger;
  }

  private long oldest() {
    return Math.max(first, next - ring.length);
  }

  /** The recorded requests, oldest first. */
  public synchronized List<RecordedRequest> requests() {
    List<RecordedRequest> out = new ArrayList<>((int) (next - oldest()));
    for (long seq = oldest(); seq < next; seq++) {
      out.add(ring[(int) (seq % ring.length)]);
    }
    return out;
  }

  /** The recorded requests with this method ({@code *} for any) whose unversioned path matches the pattern. */
  public List<RecordedRequest> matching(String method, String pathPattern) {
    return filter(matcher(method, pathPattern));
  }

  /** How many recorded requests {@link #matching match}. */
  public int count(String method, String pathPattern) {
    return matching(method, pathPattern).size();
  }

  /** The requests no route matched: those answered with mux's {@code 404 page not found}. */
  public List<RecordedRequest> unmatched() {
    return filter(RecordedRequest::unmatched);
  }

  /** Forgets every recorded request. */
  public synchronized void reset() {
    Arrays.fill(ring, null);
    first = next;
  }

  /**
   * Checks that exactly {@code times} recorded requests match.
   *
   * @throws AssertionError naming the expectation, the count, and listing the journal
   */
  public void verify(int times, String method, String pathPattern) {
    int seen = count(method, pathPattern);
    if (seen != times) {
      throw new AssertionError("expected " + times + " × " + method + " " + pathPattern + " but saw " + seen
          + "\n" + dump(DUMP_LINES));
    }
  }

  /**
   * Checks that every request matched a route.
   *
   * @throws AssertionError listing the unmatched requests and the journal
   */
  public void verifyNoUnmatched() {
    List<RecordedRequest> unmatched = unmatched();
    if (!unmatched.isEmpty()) {
      StringBuilder message = new StringBuilder("expected no unmatched requests but saw " + unmatched.size() + ":");
      unmatched.forEach(r -> message.append("\n  ").append(r));
      throw new AssertionError(message.append('\n').append(dump(DUMP_LINES)).toString());
    }
  }

  /**
   * The last {@code lines} recorded requests, one per line under a heading, saying how many earlier ones were left
   * out: the form used in failure messages.
   */
  public String dump(int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative: " + lines);
    }
    List<RecordedRequest> all;
    long dropped;
    synchronized (this) {
      all = requests();
      dropped = oldest() - first;
    }
    StringBuilder out = new StringBuilder("request journal (" + all.size() + " requests)");
    int skip = Math.max(0, all.size() - lines);
    if (dropped + skip > 0) {
      out.append("\n  … ").append(dropped + skip).append(" earlier requests omitted");
    }
    all.subList(skip, all.size()).forEach(r -> out.append("\n  ").append(r));
    return out.toString();
  }

  @Override
  public String toString() {
    return dump(DUMP_LINES);
  }

  private List<RecordedRequest> filter(Predicate<RecordedRequest> predicate) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : requests()) {
      if (predicate.test(r)) {
        out.add(r);
      }
    }
    return out;
  }

  static Predicate<RecordedRequest> matcher(String method, String pathPattern) {
    Objects.requireNonNull(method, "method");
    Match match = Match.request(method, pathPattern); // the same matching faults use
    return r -> match.matchesRoute(r.method(), r.unversionedPath());
  }
}
