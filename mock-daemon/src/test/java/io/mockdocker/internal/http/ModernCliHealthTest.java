package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mockdocker.Engines;
import io.mockdocker.VirtualClock;
import io.mockdocker.internal.engine.ContainerHealth;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker CLI 28.2.2: {@code --health-cmd} reaching healthy and unhealthy under the virtual clock, {@code ps} and
 * {@code inspect} as a user sees them, and a build with HEALTHCHECK. Skipped, with the reason, without a docker binary.
 */
class ModernCliHealthTest {
  final VirtualClock clock = VirtualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
  @RegisterExtension final CliDaemon cli = new CliDaemon(clock);
  @TempDir Path context;

  Result docker(String... args) {
    Result r = cli.docker(args);
    assertThat(r.exit()).as(r.out()).isZero();
    return r;
  }

  int logged(String name) {
    ContainerHealth health = Engines.of(cli.daemon()).containers().inspect(name).health();
    return health == null ? -1 : health.log().size();
  }

  void awaitLogged(String name, int n) {
    await().atMost(5, TimeUnit.SECONDS).until(() -> logged(name) == n);
  }

  @Test
  void health_cmd_reaches_healthy_and_unhealthy_in_ps_and_inspect() {
    docker("run", "-d", "--name", "web", "--health-cmd", "test -f /tmp/ok", "--health-interval", "1s", "busybox",
        "sh", "-c", "touch /tmp/ok; sleep 3600");
    docker("run", "-d", "--name", "sick", "--health-cmd", "echo no; exit 1", "--health-interval", "1s",
        "--health-retries", "2", "busybox", "sleep", "3600");
    assertThat(docker("ps", "--format", "{{.Names}} {{.Status}}").lines())
        .containsExactlyInAnyOrder("web Up Less than a second (health: starting)",
            "sick Up Less than a second (health: starting)");
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}}", "web").out()).isEqualTo("starting\n");

    clock.advance(Duration.ofSeconds(1));
    awaitLogged("web", 1);
    awaitLogged("sick", 1);
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}}", "web").out()).isEqualTo("healthy\n");
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", "sick").out())
        .isEqualTo("starting 1\n");
    clock.advance(Duration.ofSeconds(1));
    awaitLogged("sick", 2);
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", "sick").out())
        .isEqualTo("unhealthy 2\n");
    assertThat(docker("inspect", "-f", "{{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}",
        "sick").out()).isEqualTo("1 no\n\n");
    assertThat(docker("inspect", "-f", "{{json .Config.Healthcheck}}", "web").out())
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -f /tmp/ok\"],\"Interval\":1000000000}\n");

    clock.advance(Duration.ofSeconds(118));
    assertThat(docker("ps", "--format", "{{.Names}} {{.Status}}").lines())
        .containsExactlyInAnyOrder("web Up 2 minutes (healthy)", "sick Up 2 minutes (unhealthy)");
    assertThat(docker("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}").out()).isEqualTo("sick\n");
    assertThat(docker("ps", "--filter", "health=healthy", "--format", "{{.Names}}").out()).isEqualTo("web\n");
    Result bad = cli.docker("ps", "--filter", "health=sickly");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.out()).contains("invalid filter 'health=sickly'");
  }

  @Test
  void a_build_with_healthcheck_gives_its_containers_the_check() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n"
        + "HEALTHCHECK --interval=2s --retries=1 CMD test -f /ready || exit 1\n"
        + "CMD [\"sh\", \"-c\", \"sleep 3; touch /ready; sleep 3600\"]\n");
    Result build = docker("build", "-t", "checked:1", context.toString());
    assertThat(build.out()).contains("Step 2/3 : HEALTHCHECK --interval=2s --retries=1 CMD test -f /ready || exit 1")
        .contains("Successfully tagged checked:1");
    assertThat(docker("inspect", "-f", "{{json .Config.Healthcheck}}", "checked:1").out())
        .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"test -f /ready || exit 1\"],\"Interval\":2000000000,\"Retries\":1}\n");

    docker("run", "-d", "--name", "app", "checked:1");
    clock.advance(Duration.ofSeconds(2)); // not ready yet: one failure is enough
    awaitLogged("app", 1);
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}}", "app").out()).isEqualTo("unhealthy\n");
    clock.advance(Duration.ofSeconds(1)); // t=3: the process touches /ready
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.sleepers() == 2);
    clock.advance(Duration.ofSeconds(1)); // t=4: the next check passes
    awaitLogged("app", 2);
    assertThat(docker("inspect", "-f", "{{.State.Health.Status}}", "app").out()).isEqualTo("healthy\n");
    assertThat(docker("ps", "--format", "{{.Status}}").out()).isEqualTo("Up 4 seconds (healthy)\n");
  }
}
