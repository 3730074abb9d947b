package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker CLI 28.2.2 with volumes and binds against a modern-profile daemon: a volume shared by two containers and
 * surviving them, a read-only host bind, tmpfs, {@code rm -v}, and the host directory left exactly as it was.
 * Skipped, with the reason, without a {@code docker} binary on the PATH.
 */
class ModernCliMountsTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();

  Result docker(String... args) {
    return cli.docker(args);
  }

  @Test
  void a_volume_is_shared_by_two_containers_and_survives_them() {
    Result write = docker("run", "--name", "writer", "-v", "shared:/data", "busybox", "sh", "-c",
        "echo hello > /data/note");
    assertThat(write.exit()).as(write.out()).isZero();
    Result read = docker("run", "--name", "reader", "-v", "shared:/in", "busybox", "cat", "/in/note");
    assertThat(read.out()).isEqualTo("hello\n");
    Result inUse = docker("volume", "rm", "shared");
    assertThat(inUse.exit()).isEqualTo(1);
    assertThat(inUse.out()).contains("volume is in use");
    assertThat(docker("rm", "writer", "reader").exit()).isZero();
    assertThat(docker("volume", "ls", "-q").out()).isEqualTo("shared\n");
    assertThat(docker("run", "--rm", "-v", "shared:/again", "busybox", "cat", "/again/note").out())
        .isEqualTo("hello\n");
  }

  @Test
  void a_read_only_host_bind_is_read_and_refuses_writes_and_the_host_never_changes(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("hello.txt"), "from the host\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/deep.txt"), "deep\n");
    Map<String, String> before = snapshot(dir);

    Result read = docker("run", "--rm", "-v", dir + ":/mnt:ro", "busybox", "cat", "/mnt/hello.txt");
    assertThat(read.exit()).as(read.out()).isZero();
    assertThat(read.out()).isEqualTo("from the host\n");
    Result write = docker("run", "--rm", "-v", dir + ":/mnt:ro", "busybox", "sh", "-c", "echo x > /mnt/new");
    assertThat(write.exit()).isNotZero();
    assertThat(write.out()).contains("/mnt/new: Read-only file system");
    Result rw = docker("run", "--rm", "-v", dir + ":/mnt", "busybox", "sh", "-c",
        "echo changed > /mnt/hello.txt; rm /mnt/sub/deep.txt; mkdir /mnt/made; cat /mnt/hello.txt");
    assertThat(rw.out()).isEqualTo("changed\n");
    Result created = docker("create", "--name", "binder", "-v", dir + ":/mnt", "busybox", "true");
    assertThat(created.exit()).as(created.out()).isZero();
    Result copied = docker("cp", "binder:/mnt/hello.txt", "-");
    assertThat(copied.out()).as("the bind's in-memory copy, shared by that host path").contains("changed");
    Result mounts = docker("inspect", "--format", "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} "
        + "{{.RW}} {{.Propagation}}{{end}}", "binder");
    assertThat(mounts.out()).isEqualTo("bind " + dir + " /mnt true rprivate\n");

    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void tmpfs_mounts_and_rm_v() {
    Result tmpfs = docker("run", "--rm", "--mount", "type=tmpfs,destination=/t", "busybox", "sh", "-c",
        "echo a > /t/a; cat /t/a");
    assertThat(tmpfs.out()).isEqualTo("a\n");
    Result created = docker("create", "-v", "/anon", "-v", "named:/named", "busybox", "true");
    String id = created.out().trim();
    String anon = docker("inspect", "--format", "{{range .Mounts}}{{if eq .Destination \"/anon\"}}{{.Name}}"
        + "{{end}}{{end}}", id).out().trim();
    assertThat(anon).matches("[0-9a-f]{64}");
    assertThat(docker("volume", "ls", "-q").out()).contains(anon).contains("named");
    assertThat(docker("rm", "-v", id).exit()).isZero();
    assertThat(docker("volume", "ls", "-q").out()).isEqualTo("named\n");
    Result missing = docker("run", "--rm", "--mount", "type=bind,source=/no/such/dir,target=/x", "busybox", "true");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.out()).contains("invalid mount config for type \"bind\": bind source path does not exist: "
        + "/no/such/dir");
  }

  /** Every path under {@code dir} with its type, size and modification time. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        out.put(dir.relativize(p).toString(), (a.isDirectory() ? "d " : "f ") + a.size() + " "
            + a.lastModifiedTime().toMillis());
      }
    }
    return out;
  }
}
