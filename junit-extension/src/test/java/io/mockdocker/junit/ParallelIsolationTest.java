package io.mockdocker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.MockDocker;
import io.mockdocker.testing.Http;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Eight test classes, registering their daemons in eight different ways, run concurrently on JUnit's parallel
 * executor. Each tags {@code base} with its own name over HTTP, waits until all eight have done so (so all eight
 * daemons are up at once), then checks that its daemon has its own tag and none of the others'.
 */
class ParallelIsolationTest {
  static final List<Class<?>> CASES = List.of(DeclaredPerClass.class, DeclaredPerMethod.class,
      DeclaredResetNever.class, DeclaredWithCors.class, DeclaredWithSharedInstance.class, RegisteredStatic.class,
      RegisteredPerTest.class, RegisteredSeeded.class);
  static final List<String> NAMES = CASES.stream().map(c -> c.getSimpleName().toLowerCase()).toList();

  /** Shared by the cases of one run; set before the launch. */
  static volatile CyclicBarrier allTagged;
  static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

  @Test
  void eight_classes_running_concurrently_each_see_only_their_own_daemon() {
    allTagged = new CyclicBarrier(CASES.size());
    PORTS.clear();
    Launch launch = Launch.run(Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(CASES.size())),
        CASES.toArray(Class<?>[]::new));

    assertThat(launch.failed()).isEmpty();
    assertThat(launch.tests()).hasSize(CASES.size());
    assertThat(PORTS.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(PORTS.values()).doesNotHaveDuplicates();
  }

  static void checkIsolation(Class<?> testClass, MockDocker docker) throws Exception {
    String name = testClass.getSimpleName().toLowerCase();
    Http http = new Http(docker.uri());
    assertThat(http.post("/v1.2/images/base/tag?repo=" + name + "&tag=latest").statusCode()).isEqualTo(201);
    PORTS.put(name, docker.port());
    allTagged.await(30, TimeUnit.SECONDS);
    for (String other : NAMES) {
      assertThat(http.get("/v1.2/images/" + other + "/json").statusCode()).as(other)
          .isEqualTo(other.equals(name) ? 200 : 404);
    }
    assertThat(docker.state().repositories().keySet()).containsExactlyInAnyOrder("base", name);
  }

  @MockDockerTest
  @Execution(ExecutionMode.CONCURRENT)
  static class DeclaredPerClass {
    @Test
    void sees_only_its_own_tag(MockDocker docker) throws Exception {
      checkIsolation(getClass(), docker);
    }
  }

  @MockDockerTest(lifecycle = MockDockerTest.Lifecycle.PER_METHOD)
  @Execution(ExecutionMode.CONCURRENT)
  static class DeclaredPerMethod {
    @Test
    void sees_only_its_own_tag(MockDockerRuntimeInfo info) throws Exception {
      checkIsolation(getClass(), info.daemon());
    }
  }

  @MockDockerTest(reset = ResetPolicy.NEVER)
  @Execution(ExecutionMode.CONCURRENT)
  static class DeclaredResetNever {
    @InjectDocker MockDocker docker;

    @Test
    void sees_only_its_own_tag() throws Exception {
      checkIsolation(getClass(), docker);
    }
  }

  @MockDockerTest(cors = true)
  @Execution(ExecutionMode.CONCURRENT)
  static class DeclaredWithCors {
    @Test
    void sees_only_its_own_tag(@DockerHost URI uri, MockDocker docker) throws Exception {
      assertThat(uri).isEqualTo(docker.uri());
      checkIsolation(getClass(), docker);
    }
  }

  @MockDockerTest
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @Execution(ExecutionMode.CONCURRENT)
  static class DeclaredWithSharedInstance {
    final MockDocker docker;

    DeclaredWithSharedInstance(MockDocker docker) {
      this.docker = docker;
    }

    @Test
    void sees_only_its_own_tag() throws Exception {
      checkIsolation(getClass(), docker);
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class RegisteredStatic {
    @RegisterExtension
    static MockDockerExtension extension = MockDockerExtension.newInstance().build();

    @Test
    void sees_only_its_own_tag(MockDocker docker) throws Exception {
      checkIsolation(getClass(), docker);
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class RegisteredPerTest {
    @RegisterExtension
    MockDockerExtension extension = MockDockerExtension.newInstance().build();

    @Test
    void sees_only_its_own_tag(MockDocker docker) throws Exception {
      checkIsolation(getClass(), docker);
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class RegisteredSeeded {
    @RegisterExtension
    static MockDockerExtension extension = MockDockerExtension.newInstance()
        .daemon(MockDocker.builder().random(new Random(42)))
        .build();

    @Test
    void sees_only_its_own_tag(MockDockerRuntimeInfo info) throws Exception {
      checkIsolation(getClass(), info.daemon());
    }
  }
}
