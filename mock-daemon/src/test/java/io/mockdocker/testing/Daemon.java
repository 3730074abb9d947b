package io.mockdocker.testing;

import io.mockdocker.MockDocker;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A daemon for one test, or one class: starts a {@link MockDocker} from the given builder options before the test's
 * own {@code @BeforeEach} (before {@code @BeforeAll} in a static field) and closes it after its {@code @AfterEach}
 * (after {@code @AfterAll}), with a {@link RawHttp} client for it.
 *
 * <pre>{@code
 * @RegisterExtension final Daemon daemon = Daemon.with(b -> b.fixtures(Fixtures.none()).clock(clock));
 * }</pre>
 */
public final class Daemon implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<MockDocker.Builder> options;
  private MockDocker docker;
  private RawHttp http;
  private boolean perClass;

  private Daemon(UnaryOperator<MockDocker.Builder> options) {
    this.options = options;
  }

  /** A daemon built by {@code options} applied to {@link MockDocker#builder()}. */
  public static Daemon with(UnaryOperator<MockDocker.Builder> options) {
    return new Daemon(options);
  }

  public MockDocker docker() {
    return started(docker);
  }

  /** A raw client for the daemon. */
  public RawHttp http() {
    return started(http);
  }

  public URI uri() {
    return docker().uri();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true; // only a static field gets class callbacks
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void start() {
    docker = options.apply(MockDocker.builder()).start();
    http = new RawHttp(docker.uri());
  }

  private void stop() {
    if (docker != null) {
      MockDocker d = docker;
      docker = null;
      http = null;
      d.close();
    }
  }

  private static <T> T started(T value) {
    if (value == null) {
      throw new IllegalStateException("the daemon is not running: register Daemon with @RegisterExtension");
    }
    return value;
  }
}
