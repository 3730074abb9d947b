package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docker CLI 28.2.2 volume commands against a modern-profile daemon: create, ls, inspect, rm, prune. Skipped, with the
 * reason, without a {@code docker} binary on the PATH.
 */
class ModernCliVolumesTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void volume_lifecycle_as_a_user_sees_it() throws Exception {
    Result create = docker("volume", "create", "--label", "team=a", "data");
    assertThat(create.exit()).as(create.out()).isZero();
    assertThat(create.out()).isEqualTo("data\n");
    Result anon = docker("volume", "create");
    assertThat(anon.out()).matches("[0-9a-f]{64}\n");
    String anonName = anon.out().trim();

    Result ls = docker("volume", "ls");
    assertThat(ls.exit()).isZero();
    assertThat(ls.out()).startsWith("DRIVER    VOLUME NAME\n").contains("local     data\n")
        .contains("local     " + anonName + "\n");
    assertThat(docker("volume", "ls", "--filter", "label=team=a", "--format", "{{.Name}}").out()).isEqualTo("data\n");

    Result inspect = docker("volume", "inspect", "--format", "{{.Name}} {{.Driver}} {{.Mountpoint}} {{.Scope}} "
        + "{{.Labels}}", "data");
    assertThat(inspect.out()).isEqualTo("data local /var/lib/docker/volumes/data/_data local map[team:a]\n");
    Result missing = docker("volume", "inspect", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("get nope: no such volume");

    Result prune = docker("volume", "prune", "-f");
    assertThat(prune.exit()).as(prune.out()).isZero();
    assertThat(prune.out()).contains(anonName).contains("Total reclaimed space: 0B");
    assertThat(docker("volume", "ls", "-q").out()).isEqualTo("data\n");

    Result rm = docker("volume", "rm", "data");
    assertThat(rm.exit()).isZero();
    assertThat(rm.out()).isEqualTo("data\n");
    assertThat(docker("volume", "ls", "-q").out()).isEmpty();
  }
}
