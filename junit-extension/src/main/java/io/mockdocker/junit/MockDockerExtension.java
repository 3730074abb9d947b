package io.mockdocker.junit;

import io.mockdocker.ApiProfile;
import io.mockdocker.EraRelease;
import io.mockdocker.MockDocker;
import io.mockdocker.VirtualClock;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Starts a {@link MockDocker} for tests and closes it after them; the daemon lives in JUnit's extension store, so
 * JUnit closes it and parallel classes share nothing.
 *
 * <p>Declared with {@link MockDockerTest}, or registered with a configured builder. A static field gives one daemon
 * for the class (reset between tests as the {@link ResetPolicy} says); an instance field gives one per test:
 * <pre>{@code
 * @RegisterExtension
 * static MockDockerExtension docker = MockDockerExtension.newInstance()
 *     .daemon(MockDocker.builder().fixtures(Fixtures.none()).enableCors())
 *     .reset(ResetPolicy.NEVER)
 *     .build();
 * }</pre>
 *
 * <p>It injects a {@link MockDockerRuntimeInfo}, the {@link MockDocker}, and {@code URI} or {@code String} values
 * annotated with {@link DockerHost}, into constructors, test and lifecycle methods, and, before each test, into the
 * test instance's fields annotated with {@link InjectDocker} or {@link DockerHost}. When a test fails, the daemon's
 * request journal is published as a report entry and attached to the failure as a suppressed exception.
 *
 * <p>Register one daemon per class: two would both claim the parameters. A daemon shared by a class is meant for
 * tests that run one at a time; give concurrent test methods a daemon each.
 */
public final class MockDockerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
    TestExecutionExceptionHandler {
  private static final String DAEMON = "daemon";
  /** Where a virtual clock starts, so that the times in answers are the same on every run. */
  static final Instant VIRTUAL_START = Instant.parse("2013-07-01T00:00:00Z");
  private static final String STATIC_FIELD = "registered by a static field";
  private static final int JOURNAL_LINES = 100;

  /** {@code null} when declared with {@link MockDockerTest}: the annotation configures the daemon. */
  private final MockDocker.Builder daemon;
  private final ResetPolicy reset;

  /** The extension of {@link MockDockerTest}, configured by the annotation on the test class. */
  public MockDockerExtension() {
    this(null, null);
  }

  private MockDockerExtension(MockDocker.Builder daemon, ResetPolicy reset) {
    this.daemon = daemon;
    this.reset = reset;
  }

  /** A builder for {@code @RegisterExtension} fields: default daemon, reset before each test. */
  public static Builder newInstance() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (daemon != null) {
      store(context).put(STATIC_FIELD, Boolean.TRUE);
    }
    if (perClass(context)) {
      docker(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    boolean existed = store(scope(context)).get(DAEMON) != null;
    MockDocker docker = docker(context);
    if (existed && perClass(context) && resetPolicy(context) == ResetPolicy.EACH_TEST) {
      docker.reset();
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : ReflectionSupport.findFields(instance.getClass(), MockDockerExtension::injectable,
          HierarchyTraversalMode.TOP_DOWN)) {
        field.setAccessible(true);
        field.set(instance, value(field.getType(), docker));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockDockerRuntimeInfo.class || type == MockDocker.class || type == VirtualClock.class
        || parameter.isAnnotated(DockerHost.class) && (type == URI.class || type == String.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getDeclaringExecutable() instanceof Constructor && buildingInstanceForATest(context)
        ? value(parameter.getParameter().getType(), handOff(context))
        : value(parameter.getParameter().getType(), docker(context));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Daemon daemon = store(scope(context)).get(DAEMON, Daemon.class);
    if (daemon != null) {
      MockDocker docker = daemon.docker();
      String journal = docker.uri() + " " + docker.journal().dump(JOURNAL_LINES);
      context.publishReportEntry("mock-docker", journal);
      failure.addSuppressed(new RequestJournalReport(journal));
    }
    throw failure;
  }

  /** The daemon of the context's scope, started on first use (or handed over from the test instance's constructor). */
  @SuppressWarnings("deprecation") // getOrComputeIfAbsent: JUnit 6 prefers computeIfAbsent, which 5.x lacks
  private MockDocker docker(ExtensionContext context) {
    ExtensionContext scope = scope(context);
    return store(scope).getOrComputeIfAbsent(DAEMON,
        key -> handedOff(scope).orElseGet(() -> new Daemon(builder(scope).start())), Daemon.class).docker();
  }

  /**
   * The daemon for the test whose instance this thread is building. JUnit builds test instances in their class's
   * context (before 5.12 always, and after it unless an extension opts out): a daemon per test asked for there is
   * started then and handed over, on the same thread, to the test the instance is built for, the next one to ask.
   */
  @SuppressWarnings("deprecation") // as above
  private MockDocker handOff(ExtensionContext context) {
    return store(context).getOrComputeIfAbsent(new Handoff(Thread.currentThread()),
        key -> new Daemon(builder(context).start()), Daemon.class).docker();
  }

  /** Whether a test instance being built in a class's context is built for one test that has a daemon of its own. */
  private boolean buildingInstanceForATest(ExtensionContext context) {
    return !perClass(context) && context.getTestMethod().isEmpty() && context.getTestClass().isPresent()
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
            == TestInstance.Lifecycle.PER_METHOD;
  }

  /** The daemon started while this thread built the test instance of {@code test}, if any. */
  private Optional<Daemon> handedOff(ExtensionContext test) {
    if (perClass(test)) {
      return Optional.empty();
    }
    Handoff key = new Handoff(Thread.currentThread());
    for (ExtensionContext c = test.getParent().orElse(null); c != null; c = c.getParent().orElse(null)) {
      Daemon daemon = store(c).remove(key, Daemon.class);
      if (daemon != null) {
        return Optional.of(daemon);
      }
    }
    return Optional.empty();
  }

  /** The context that owns the daemon: the test class's for one daemon per class, else the test's. */
  private ExtensionContext scope(ExtensionContext context) {
    if (perClass(context)) {
      ExtensionContext scope = context;
      while (scope.getTestMethod().isPresent()) {
        scope = scope.getParent().orElseThrow();
      }
      return scope;
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ExtensionConfigurationException("a daemon per test is not available outside a test (for example "
          + "in @BeforeAll or a constructor of a PER_CLASS test instance): " + context.getDisplayName());
    }
    return context;
  }

  private boolean perClass(ExtensionContext context) {
    return daemon != null
        ? store(context).get(STATIC_FIELD) != null
        : annotation(context).map(MockDockerTest::lifecycle).orElse(MockDockerTest.Lifecycle.PER_CLASS)
            == MockDockerTest.Lifecycle.PER_CLASS;
  }

  private ResetPolicy resetPolicy(ExtensionContext context) {
    return daemon != null ? reset : annotation(context).map(MockDockerTest::reset).orElse(ResetPolicy.EACH_TEST);
  }

  private MockDocker.Builder builder(ExtensionContext context) {
    if (daemon != null) {
      return daemon;
    }
    MockDocker.Builder builder = MockDocker.builder();
    annotation(context).ifPresent(a -> {
      builder.fixtures(fixtures(context.getRequiredTestClass(), a.fixtures()));
      for (String name : a.scenarios()) {
        try {
          builder.scenario(Scenario.named(name));
        } catch (IllegalArgumentException e) {
          throw new ExtensionConfigurationException(e.getMessage(), e);
        }
      }
      if (!a.release().isEmpty()) {
        try {
          builder.release(EraRelease.of(a.release()));
        } catch (IllegalArgumentException e) {
          throw new ExtensionConfigurationException(e.getMessage(), e);
        }
      }
      if (a.registry() == MockDockerTest.Registry.OPEN) {
        builder.openRegistry();
      }
      if (a.cors()) {
        builder.enableCors();
      }
      switch (a.clock()) {
        case VIRTUAL -> builder.clock(VirtualClock.at(VIRTUAL_START));
        case INSTANT -> {
          VirtualClock clock = VirtualClock.at(VIRTUAL_START);
          clock.runInstantly();
          builder.clock(clock);
        }
        case SYSTEM -> { }
      }
      builder.profile(switch (a.profile()) {
        case ERA -> ApiProfile.era();
        case MODERN -> ApiProfile.modern();
        case ALL -> ApiProfile.all();
      });
    });
    return builder;
  }

  /** The annotation on the test class, its superclasses, or the classes a {@code @Nested} class sits in. */
  private static Optional<MockDockerTest> annotation(ExtensionContext context) {
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      Optional<MockDockerTest> found = AnnotationSupport.findAnnotation(c, MockDockerTest.class);
      if (found.isPresent() || Modifier.isStatic(c.getModifiers())) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Fixtures fixtures(Class<?> testClass, String resource) {
    if (resource.isEmpty()) {
      return Fixtures.defaults();
    }
    if (resource.equals(MockDockerTest.NONE)) {
      return Fixtures.none();
    }
    try (InputStream in = testClass.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ExtensionConfigurationException("no fixtures resource " + resource + " for " + testClass.getName());
      }
      return Fixtures.fromJson(in);
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot read fixtures " + resource + ": " + e.getMessage(), e);
    }
  }

  private static boolean injectable(Field field) {
    int modifiers = field.getModifiers();
    Class<?> type = field.getType();
    boolean handle = type == MockDockerRuntimeInfo.class || type == MockDocker.class || type == VirtualClock.class;
    boolean address = type == URI.class || type == String.class;
    return !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
        && (handle && field.isAnnotationPresent(InjectDocker.class)
            || address && field.isAnnotationPresent(DockerHost.class));
  }

  private static Object value(Class<?> type, MockDocker docker) {
    if (type == MockDocker.class) {
      return docker;
    }
    if (type == URI.class) {
      return docker.uri();
    }
    if (type == String.class) {
      return docker.uri().toString();
    }
    if (type == VirtualClock.class) {
      if (docker.clock() instanceof VirtualClock clock) {
        return clock;
      }
      throw new ExtensionConfigurationException("a VirtualClock is injected only where the daemon runs on one "
          + "(@MockDockerTest(clock = VIRTUAL or INSTANT), or MockDocker.builder().clock(...)); this daemon's clock is "
          + docker.clock());
    }
    return new MockDockerRuntimeInfo(docker);
  }

  private Store store(ExtensionContext context) {
    return context.getStore(Namespace.create(MockDockerExtension.class, this));
  }

  /**
   * The daemon as the store keeps it: JUnit closes a {@code CloseableResource} from 5.10 on, and from 5.13 on prefers
   * an {@code AutoCloseable} (and warns about a value that is only the former). Either way it is closed once.
   */
  @SuppressWarnings("deprecation") // CloseableResource: deprecated in JUnit 6, needed before 5.13
  private record Daemon(MockDocker docker) implements Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      docker.close();
    }
  }

  /** The store key of a daemon started while a thread built a test instance, kept for that thread's next test. */
  private record Handoff(Thread thread) {}

  /** Carries the journal on a failed test; it has no stack trace of its own. */
  static final class RequestJournalReport extends Exception {
    RequestJournalReport(String journal) {
      super("requests seen by mock-docker " + journal, null, false, false);
    }
  }

  /** Configures a {@link MockDockerExtension} for a {@code @RegisterExtension} field. */
  public static final class Builder {
    private MockDocker.Builder daemon = MockDocker.builder();
    private ResetPolicy reset = ResetPolicy.EACH_TEST;

    private Builder() {}

    /** How to start each daemon; {@code MockDocker.builder()} (default fixtures) unless given. */
    public Builder daemon(MockDocker.Builder daemon) {
      this.daemon = Objects.requireNonNull(daemon, "daemon");
      return this;
    }

    /** Whether a daemon shared by the class (a static field) is reset before each test; {@code EACH_TEST} default. */
    public Builder reset(ResetPolicy reset) {
      this.reset = Objects.requireNonNull(reset, "reset");
      return this;
    }

    public MockDockerExtension build() {
      return new MockDockerExtension(daemon, reset);
    }
  }
}
