package io.mockdocker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a mock Docker daemon on 127.0.0.1 and a free port, started before the first use and closed
 * after the class (or after each test, with {@link Lifecycle#PER_METHOD}).
 *
 * <pre>{@code
 * @MockDockerTest
 * class DeployerTest {
 *   @Test
 *   void pulls_the_image(MockDockerRuntimeInfo docker) {
 *     new Deployer(docker.uri()).deploy("busybox");
 *     docker.daemon().journal().verify(1, "POST", "/images/create");
 *   }
 * }
 * }</pre>
 *
 * <p>Tests, lifecycle methods and constructors can take a {@link MockDockerRuntimeInfo}, the {@code MockDocker}
 * itself, or a {@code URI} or {@code String} annotated with {@link DockerHost}. For a daemon configured in Java, use
 * {@link MockDockerExtension} with {@code @RegisterExtension} instead.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MockDockerExtension.class)
public @interface MockDockerTest {
  /** The {@link #fixtures()} value for a daemon with an empty registry and no local images. */
  String NONE = "none";

  /** The API versions the daemon serves. */
  Profile profile() default Profile.ERA;

  /**
   * Whether a pull of a reference the fixtures do not hold fails ({@link Registry#CLOSED}, the default) or gets a
   * made-up image with the mini shell ({@link Registry#OPEN}).
   */
  Registry registry() default Registry.CLOSED;

  /** Adds the CORS headers of {@code docker -d -api-enable-cors}. */
  boolean cors() default false;

  /**
   * The docker release the era view plays, {@code "0.3.3"} and {@code "0.4.0"} to {@code "0.4.4"} (see
   * {@code EraRelease}); {@code ""} (the default) keeps the scenarios' release, else 0.4.4. An unknown release fails
   * the class's configuration.
   */
  String release() default "";

  /**
   * A fixtures JSON resource, found as {@link Class#getResource} finds it from the test class (a leading {@code /}
   * makes it absolute); {@code ""} for the embedded defaults, {@link #NONE} for nothing.
   */
  String fixtures() default "";

  /**
   * Shipped scenarios to start the daemon with, by name (see {@code Scenario.names()}); their fixtures, when they
   * name any, replace {@link #fixtures()}. Resets re-apply them.
   */
  String[] scenarios() default {};

  /** One daemon for the class, or one per test. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /** Whether a daemon shared by the class is reset before each test. */
  ResetPolicy reset() default ResetPolicy.EACH_TEST;

  /**
   * The clock the daemon reads and waits on. With {@link Clock#VIRTUAL} or {@link Clock#INSTANT} a test can take the
   * {@code VirtualClock} as a parameter (or an {@link InjectDocker} field) and move it; a daemon shared by the class
   * keeps its clock across resets.
   */
  Clock clock() default Clock.SYSTEM;

  /** Which API versions a daemon serves: {@code ApiProfile.era()}, {@code modern()} or {@code all()}. */
  enum Profile {
    /** 1.0–1.2, as docker 0.4.4; a path without {@code /vX.Y} means 1.2. */
    ERA,
    /** 1.24–1.50, as docker 28.2.2, for today's docker CLI and docker-java; no prefix means 1.50. */
    MODERN,
    /** Both ranges; no prefix means 1.50. */
    ALL
  }

  /** What the daemon's registry serves. */
  enum Registry {
    /** Only what the fixtures hold: any other reference is {@code pull access denied}. */
    CLOSED,
    /**
     * Also any other reference ({@code postgres:16}, {@code redis:7}): a small made-up image with the mini shell
     * whose command sleeps until the container is stopped, as {@code MockDocker.Builder.openRegistry()}.
     */
    OPEN
  }

  /** Which clock a daemon runs on. */
  enum Clock {
    /** Real time. */
    SYSTEM,
    /**
     * A stopped virtual clock at 2013-07-01T00:00:00Z, in UTC: nothing the daemon waits for (a process's sleep, a
     * stop timeout, a delay fault) happens until the test advances the clock.
     */
    VIRTUAL,
    /**
     * The same virtual clock, running instantly: every wait jumps the clock to its own end and returns at once, so
     * a container that sleeps 10 s exits at once and reports that 10 s passed.
     */
    INSTANT
  }

  /** How long a daemon lives. */
  enum Lifecycle {
    /** One daemon for the test class (and its nested classes), reset between tests as {@link #reset()} says. */
    PER_CLASS,
    /** A new daemon for each test, on a new port; it is not available to {@code @BeforeAll} methods. */
    PER_METHOD
  }
}
