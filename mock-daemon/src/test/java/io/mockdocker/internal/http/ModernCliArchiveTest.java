package io.mockdocker.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import io.mockdocker.testing.Tars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker cp} (CLI 28.2.2) both ways against a modern-profile daemon: files, directories, {@code -} tar
 * streams, a missing path. The CLI's side of the copy is the test's temporary directory; the container's side lives
 * in the daemon's memory. Skipped, with the reason, when no {@code docker} binary is on the PATH.
 */
class ModernCliArchiveTest {
  @RegisterExtension final CliDaemon cli = new CliDaemon();
  @TempDir
  Path dir;

  Result docker(String... args) {
    return cli.docker(args);
  }

  Result withInput(String stdin, String... args) {
    return cli.withInput(stdin, args);
  }

  @Test
  void cp_a_file_in_and_out_of_a_stopped_container_and_its_process_reads_it() throws Exception {
    assertThat(docker("create", "--name", "box", "busybox", "cat", "/tmp/greeting").exit()).isZero();
    Path greeting = Files.writeString(dir.resolve("hello.txt"), "hello from the host\n");
    Result in = docker("cp", greeting.toString(), "box:/tmp/greeting");
    assertThat(in.exit()).as(in.out()).isZero();
    assertThat(in.out()).isEmpty(); // the progress line is for terminals only

    Result run = docker("start", "-a", "box");
    assertThat(run.out()).isEqualTo("hello from the host\n");

    Path back = dir.resolve("back.txt");
    Result out = docker("cp", "box:/tmp/greeting", back.toString());
    assertThat(out.exit()).as(out.out()).isZero();
    assertThat(Files.readString(back)).isEqualTo("hello from the host\n");
  }

  @Test
  void cp_a_directory_both_ways_on_a_running_container() throws Exception {
    assertThat(docker("run", "-d", "--name", "live", "busybox", "sleep", "1000").exit()).isZero();
    Path src = Files.createDirectories(dir.resolve("conf/nested"));
    Files.writeString(dir.resolve("conf/a.txt"), "A\n");
    Files.writeString(src.resolve("b.txt"), "B\n");
    Result in = docker("cp", dir.resolve("conf").toString(), "live:/etc/");
    assertThat(in.exit()).as(in.out()).isZero();
    assertThat(docker("exec", "live", "cat", "/etc/conf/nested/b.txt").out()).isEqualTo("B\n");

    Path out = dir.resolve("copy");
    Result back = docker("cp", "live:/etc/conf", out.toString());
    assertThat(back.exit()).as(back.out()).isZero();
    assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("A\n");
    assertThat(Files.readString(out.resolve("nested/b.txt"))).isEqualTo("B\n");
    docker("rm", "-f", "live");
  }

  @Test
  void cp_with_dash_streams_tars_in_and_out() {
    assertThat(docker("create", "--name", "box", "busybox", "true").exit()).isZero();
    String tar = new String(Tars.plain().dir("pkg/").file("pkg/x.txt", "x\n").bytes(), StandardCharsets.ISO_8859_1);
    Result in = withInput(tar, "cp", "-", "box:/tmp");
    assertThat(in.exit()).as(in.out()).isZero();

    Result out = docker("cp", "box:/tmp/pkg", "-");
    assertThat(out.exit()).as(out.out()).isZero();
    assertThat(out.out()).contains("pkg/").contains("pkg/x.txt").contains("x\n");
  }

  @Test
  void cp_of_a_missing_path_or_container_fails_with_the_daemon_text() {
    assertThat(docker("create", "--name", "box", "busybox", "true").exit()).isZero();
    Result missing = docker("cp", "box:/nope", dir.resolve("x").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).isEqualTo("Error response from daemon: Could not find the file /nope in container box\n");
    Result ghost = docker("cp", "ghost:/etc", dir.resolve("y").toString());
    assertThat(ghost.exit()).isEqualTo(1);
    assertThat(ghost.out()).isEqualTo("Error response from daemon: No such container: ghost\n");
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }
}
