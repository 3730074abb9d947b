package io.mockdocker.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mockdocker.MockDocker;
import io.mockdocker.fixtures.Fixtures;
import io.mockdocker.junit.MockDockerExtension;
import io.mockdocker.junit.MockDockerRuntimeInfo;
import io.mockdocker.registry.RemoteImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull that fails in the middle of its stream, after the progress of a layer: the registry serves layer bytes that
 * are not a tar, so the daemon reports an error inside the 200 stream. (The fault API of issue 5 will give a direct
 * way to break a pull at a chosen point; until then a broken layer is the way.)
 */
class PullRetryTest {
  static final String APP = "acee".repeat(16);
  static final String EXPECTED_ERROR =
      "pull of acme/app:latest failed: Could not find repository on any of the indexed registries.";

  @RegisterExtension
  static MockDockerExtension extension = MockDockerExtension.newInstance()
      .daemon(MockDocker.builder().fixtures(Fixtures.none()))
      .build();

  /** A layer of 41,600 bytes that no tar reader accepts: enough for progress messages before the failure. */
  static RemoteImage broken() {
    byte[] notATar = "this is not a tar archive\n".repeat(1600).getBytes(StandardCharsets.US_ASCII);
    return RemoteImage.builder(APP).layerTar(notATar).build();
  }

  static RemoteImage fixed() {
    return RemoteImage.builder(APP).file("/srv/app/VERSION", "1.0\n").build();
  }

  @Test
  void a_pull_failing_mid_stream_is_retried_once_and_the_retry_can_succeed(MockDockerRuntimeInfo docker) {
    docker.daemon().registry().push("acme/app", "latest", broken());
    List<String> failures = new ArrayList<>();
    Backoff registryRecovers = failure -> {
      failures.add(failure.getMessage());
      docker.daemon().registry().image(fixed());
    };

    Job job = Job.of("acme/app", "cat", "/srv/app/VERSION");

    Deployment done = new Deployer(docker.uri(), registryRecovers).deploy(job);

    assertThat(failures).containsExactly(EXPECTED_ERROR);
    assertThat(done.output()).isEqualTo("1.0\n");
    docker.daemon().journal().verify(2, "POST", "/images/create");
  }

  @Test
  void a_pull_failing_mid_stream_twice_fails_the_deployment_with_the_stream_error(MockDocker docker) {
    docker.registry().push("acme/app", "latest", broken());

    DeployException failure = catchThrowableOfType(DeployException.class,
        () -> new Deployer(docker.uri(), Backoff.none()).deploy(Job.of("acme/app", "true")));

    assertThat(failure).hasMessage(EXPECTED_ERROR);
    docker.journal().verify(2, "POST", "/images/create");
    docker.journal().verify(0, "POST", "/containers/create");
    assertThat(docker.state().image("acme/app")).isEmpty();
  }
}
