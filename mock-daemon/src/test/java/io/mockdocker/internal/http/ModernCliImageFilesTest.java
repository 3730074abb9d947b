package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import io.mockdocker.testing.Tars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker CLI 28.2.2 image files and prunes against a modern-profile daemon: save and load through files the CLI
 * writes and reads, import, system df, container and image prune. Skipped, with the reason, without a {@code docker}
 * binary on the PATH.
 */
class ModernCliImageFilesTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();
  @TempDir Path dir;

  Result docker(String... args) {
    Result r = cli.docker(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.out()).isZero();
    return r;
  }

  @Test
  void save_then_load_round_trips_through_a_file() throws Exception {
    String id = docker("image", "inspect", "--format", "{{.Id}}", "busybox").out();
    Path file = dir.resolve("busybox.tar");
    docker("save", "-o", file.toString(), "busybox");
    assertThat(Files.size(file)).isPositive();
    docker("rmi", "busybox");
    assertThat(cli.docker("image", "inspect", "busybox").exit()).isEqualTo(1);

    Result load = docker("load", "-i", file.toString());
    assertThat(load.out()).isEqualTo("Loaded image: busybox:latest\n");
    assertThat(docker("image", "inspect", "--format", "{{.Id}}", "busybox").out()).isEqualTo(id);
    assertThat(docker("run", "--rm", "busybox", "echo", "back").out()).isEqualTo("back\n");
    assertThat(docker("load", "-q", "-i", file.toString()).out()).isEqualTo("Loaded image: busybox:latest\n");
  }

  @Test
  void import_makes_an_image_from_a_root_file_system_tar() throws Exception {
    Path rootfs = dir.resolve("rootfs.tar");
    Files.write(rootfs, Tars.plain().file("etc/motd", "imported\n").bytes());
    Result imported = docker("import", "--change", "CMD [\"/bin/sh\"]", "-m", "from a tar", rootfs.toString(),
        "imported:v1");
    assertThat(imported.out()).matches("sha256:[0-9a-f]{64}\n");
    assertThat(docker("image", "inspect", "--format", "{{.Comment}} {{.Config.Cmd}}", "imported:v1").out())
        .isEqualTo("from a tar [/bin/sh]\n");
  }

  @Test
  void system_df_and_the_prunes_as_a_user_sees_them() {
    String stopped = docker("create", "busybox", "true").out().trim();
    Result df = docker("system", "df");
    assertThat(df.lines().get(0)).matches("TYPE\\s+TOTAL\\s+ACTIVE\\s+SIZE\\s+RECLAIMABLE");
    assertThat(df.out()).containsPattern("Images\\s+2\\s+1\\s").containsPattern("Containers\\s+1\\s+0\\s")
        .containsPattern("Local Volumes\\s+0\\s+0\\s").containsPattern("Build Cache\\s+0\\s+0\\s");

    Result containers = docker("container", "prune", "-f");
    assertThat(containers.out()).startsWith("Deleted Containers:\n" + stopped + "\n")
        .endsWith("Total reclaimed space: 0B\n");
    assertThat(docker("ps", "-aq").out()).isEmpty();

    Result images = docker("image", "prune", "-a", "-f");
    assertThat(images.out()).startsWith("Deleted Images:\n").contains("untagged: busybox:latest\n")
        .contains("untagged: base:latest\n").containsPattern("deleted: sha256:[0-9a-f]{64}\n")
        .containsPattern("Total reclaimed space: [0-9.]+[kM]?B\n");
    assertThat(docker("images", "-q").out()).isEmpty();
    assertThat(docker("builder", "prune", "-f").out()).contains("Total reclaimed space: 0B");
  }
}
