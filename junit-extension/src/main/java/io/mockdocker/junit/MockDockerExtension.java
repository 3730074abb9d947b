package io.mockdocker.junit;

import io.mockdocker.MockDocker;
import io.mockdocker.api.ApiProfile;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
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
    TestExecutionExceptionHandler, TestInstantiationAwareExtension {
  private static final String DAEMON = "daemon";
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
        ReflectionSupport.makeAccessible(field).set(instance, value(field.getType(), docker));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MockDockerRuntimeInfo.class || type == MockDocker.class
        || parameter.isAnnotated(DockerHost.class) && (type == URI.class || type == String.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return value(parameter.getParameter().getType(), docker(context));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    MockDocker docker = store(scope(context)).get(DAEMON, MockDocker.class);
    if (docker != null) {
      String journal = docker.uri() + " " + docker.journal().dump(JOURNAL_LINES);
      context.publishReportEntry("mock-docker", journal);
      failure.addSuppressed(new RequestJournalReport(journal));
    }
    throw failure;
  }

  /** Constructors resolve against the test method's context, so a per-test daemon reaches them too. */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  private MockDocker docker(ExtensionContext context) {
    ExtensionContext scope = scope(context);
    return store(scope).computeIfAbsent(DAEMON, key -> builder(scope).start(), MockDocker.class);
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
      if (a.cors()) {
        builder.enableCors();
      }
      try {
        builder.profile(ApiProfile.named(a.profile()));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(e.getMessage(), e);
      }
    });
    return builder;
  }

  private static Optional<MockDockerTest> annotation(ExtensionContext context) {
    return context.getTestClass().flatMap(c ->
        AnnotationSupport.findAnnotation(c, MockDockerTest.class, context.getEnclosingTestClasses()));
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
    boolean handle = type == MockDockerRuntimeInfo.class || type == MockDocker.class;
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
      return docker.dockerHost();
    }
    return new MockDockerRuntimeInfo(docker);
  }

  private Store store(ExtensionContext context) {
    return context.getStore(Namespace.create(MockDockerExtension.class, this));
  }

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
