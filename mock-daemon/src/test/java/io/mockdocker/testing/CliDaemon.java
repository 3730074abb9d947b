package io.mockdocker.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mockdocker.ApiProfile;
import io.mockdocker.Clock;
import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.testing.DockerCli.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A modern-profile daemon with the default fixtures and busybox pulled, for one test that drives the docker CLI
 * against it; skipped, with the reason, where no {@code docker} binary is on the PATH. The CLI gets a config
 * directory of its own, deleted after the test.
 *
 * <pre>{@code
 * @RegisterExtension final CliDaemon cli = new CliDaemon();
 * // ...
 * assertThat(cli.docker("run", "--rm", "busybox", "echo", "hi").out()).isEqualTo("hi\n");
 * }</pre>
 */
public final class CliDaemon implements BeforeEachCallback, AfterEachCallback {
  private final Clock clock;
  private MockDocker docker;
  private Path config;

  /** A daemon on the system clock. */
  public CliDaemon() {
    this(null);
  }

  /** A daemon on {@code clock} (a {@link io.mockdocker.VirtualClock} lets the test move time). */
  public CliDaemon(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    assumeTrue(DockerCli.binary() != null, "no docker CLI on the PATH: the end-to-end CLI test needs one");
    MockDocker.Builder builder = MockDocker.builder().fixtures(Fixtures.defaults()).profile(ApiProfile.modern());
    docker = (clock == null ? builder : builder.clock(clock)).start();
    docker.preload("busybox:latest");
    config = Files.createTempDirectory("docker-cli-config");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (docker != null) {
      docker.close();
    }
    if (config != null) {
      try (Stream<Path> files = Files.walk(config)) {
        files.sorted(Comparator.reverseOrder()).forEach(CliDaemon::delete);
      }
    }
  }

  public MockDocker daemon() {
    return docker;
  }

  /** Runs {@code docker args…} against the daemon, its standard input closed at once. */
  public Result docker(String... args) {
    return withInput(null, args);
  }

  /** Runs {@code docker args…} with {@code stdin} on its standard input. */
  public Result withInput(String stdin, String... args) {
    return DockerCli.of(docker.dockerHost(), config).withInput(stdin, args);
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
