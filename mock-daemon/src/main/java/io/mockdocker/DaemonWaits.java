package io.mockdocker;

import io.mockdocker.internal.engine.Container;
import io.mockdocker.internal.engine.ContainerState;
import io.mockdocker.internal.engine.DockerException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for what a daemon does asynchronously, polling with Awaitility until a timeout (10 seconds unless
 * {@link #atMost(Duration)} says otherwise). A wait that times out throws an {@link AssertionError} saying what it
 * expected, what it last saw, and the tail of the request journal.
 *
 * <pre>{@code
 * docker.await().requests(2, "POST", "/images/create");
 * ImageInfo busybox = docker.await().atMost(Duration.ofSeconds(30)).pulled("busybox");
 * docker.await().running(id);
 * int code = docker.await().exited(id);
 * docker.await().exited(id, 0);                     // fails if it exited with another code
 * }</pre>
 *
 * <p>Containers are named as the API names them: a unique prefix of their ID. A container that does not exist yet is
 * waited for like one that has not reached the state.
 */
public final class DaemonWaits {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final int JOURNAL_TAIL = 20;

  private final MockDocker docker;
  private final Duration timeout;

  DaemonWaits(MockDocker docker, Duration timeout) {
    this.docker = docker;
    this.timeout = timeout;
  }

  /** The same waits with another timeout. */
  public DaemonWaits atMost(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new DaemonWaits(docker, timeout);
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * Waits until at least {@code n} answered requests match (see {@link RequestJournal} for patterns) and returns the
   * matching ones.
   */
  public List<RecordedRequest> requests(int n, String method, String pathPattern) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    RequestJournal journal = docker.journal();
    RequestJournal.matcher(method, pathPattern); // checks the pattern before waiting
    return until(n + " × " + method + " " + pathPattern,
        () -> journal.matching(method, pathPattern), seen -> seen.size() >= n,
        seen -> seen.size() + " matching");
  }

  /**
   * Waits until {@code repo[:tag]} resolves to a local image (a pull of it finished) and returns the image. The pull's
   * HTTP response may still be finishing.
   */
  public ImageInfo pulled(String name) {
    Objects.requireNonNull(name, "name");
    return until("image " + name + " pulled", () -> docker.state().image(name), Optional::isPresent,
        seen -> "no image " + name + "; local: " + docker.engine().repositories().keySet()).orElseThrow();
  }

  /** Waits until the container's process runs and returns the container as inspect saw it then. */
  public ContainerInfo running(String name) {
    Objects.requireNonNull(name, "name");
    return ContainerInfo.of(until("container " + name + " running", () -> inspect(name),
        seen -> seen.isPresent() && seen.get().state().running(), seen -> describe(name, seen)).orElseThrow());
  }

  /**
   * Waits until the container has run and is no longer running, and returns its exit code. A container that was
   * created but never started has not exited.
   */
  public int exited(String name) {
    Objects.requireNonNull(name, "name");
    return until("container " + name + " exited", () -> inspect(name),
        seen -> seen.isPresent() && hasExited(seen.get()), seen -> describe(name, seen))
        .orElseThrow().state().exitCode();
  }

  /**
   * Waits until the container has exited, as {@link #exited(String)} does, and checks its exit code.
   *
   * @throws AssertionError naming both codes and showing the journal's tail, when it exited with another code
   */
  public int exited(String name, int expectedCode) {
    int code = exited(name);
    if (code != expectedCode) {
      throw new AssertionError("container " + name + " exited with code " + code + ", expected " + expectedCode + "\n"
          + docker.journal().dump(JOURNAL_TAIL));
    }
    return code;
  }

  private Optional<Container> inspect(String name) {
    try {
      return Optional.of(docker.engine().containers().inspect(name));
    } catch (DockerException e) {
      return Optional.empty();
    }
  }

  private static boolean hasExited(Container c) {
    return !c.state().running() && c.state().startedAt() != null;
  }

  private static String describe(String name, Optional<Container> seen) {
    if (seen.isEmpty()) {
      return "no such container: " + name;
    }
    ContainerState state = seen.get().state();
    String id = seen.get().shortId();
    if (state.running()) {
      return "container " + id + " running (pid " + state.pid() + (state.ghost() ? ", ghost" : "") + ")";
    }
    if (state.startedAt() == null) {
      return "container " + id + " created, never started";
    }
    return "container " + id + " exited with code " + state.exitCode();
  }

  private <T> T until(String expected, Callable<T> probe, Predicate<T> done, Function<T, String> describe) {
    Holder<T> last = new Holder<>();
    try {
      return Awaitility.await(expected)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL_INTERVAL)
          .until(() -> last.value = probe.call(), done::test);
    } catch (ConditionTimeoutException e) {
      AssertionError failure = new AssertionError("timed out after " + timeout.toMillis() + "ms waiting for "
          + expected + "; saw " + (last.value == null ? "nothing" : describe.apply(last.value)) + "\n"
          + docker.journal().dump(JOURNAL_TAIL));
      failure.initCause(e);
      throw failure;
    }
  }

  private static final class Holder<T> {
    volatile T value;
  }

  @Override
  public String toString() {
    return "DaemonWaits{" + docker.uri() + ", atMost=" + timeout + "}";
  }
}
