package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.VirtualClock;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 running the hello-world daemon ({@code docker run -d busybox sh -c "while true; ..."}) on a
 * virtual clock: {@code docker logs} holds a line per second the clock moved, and {@code docker kill} ends it.
 * Skipped, with the reason, without a docker binary.
 */
class ModernCliHelloWorldTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  @RegisterExtension final CliDaemon cli = new CliDaemon(clock);

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void run_detached_logs_a_line_a_second_until_killed() throws Exception {
    assertThat(docker("run", "-d", "--name", "hello", "busybox", "/bin/sh", "-c",
        "while true; do echo hello world; sleep 1; done").exit()).isZero();
    clock.awaitSleepers(1, WAIT);
    assertThat(docker("logs", "hello")).isEqualTo(new Result(0, "hello world\n"));
    clock.advance(Duration.ofSeconds(2));
    Awaitility.await().atMost(WAIT).until(() -> docker("logs", "hello").out().equals("hello world\n".repeat(3)));
    assertThat(docker("kill", "hello")).isEqualTo(new Result(0, "hello\n"));
    assertThat(docker("wait", "hello").out()).isEqualTo("137\n");
    assertThat(docker("logs", "hello").out()).isEqualTo("hello world\n".repeat(3));
  }
}
