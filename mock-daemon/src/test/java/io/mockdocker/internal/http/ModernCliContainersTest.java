package io.mockdocker.internal.http;

import io.mockdocker.Engines;
import io.mockdocker.testing.CliDaemon;
import io.mockdocker.testing.DockerCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker CLI 28.2.2 against a modern-profile daemon: run, ps, logs, inspect, exec, diff, export, stop, rm, events.
 * Skipped, with the reason, when no {@code docker} binary is on the PATH. busybox is loaded through the Java API so
 * that these tests do not depend on pull.
 */
class ModernCliContainersTest {
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
  void run_rm_prints_the_output_exits_0_and_leaves_nothing_behind() throws Exception {
    Result r = docker("run", "--rm", "busybox", "echo", "hi");
    assertThat(r.out()).isEqualTo("hi\n");
    assertThat(r.exit()).isZero();
    assertThat(Engines.of(cli.daemon()).containers().all()).isEmpty();
  }

  @Test
  void run_passes_the_exit_code_through() throws Exception {
    Result r = docker("run", "--rm", "busybox", "sh", "-c", "echo bad >&2; exit 3");
    assertThat(r.out()).isEqualTo("bad\n");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void piped_input_reaches_cat() throws Exception {
    Result r = withInput("piped-input\n", "run", "-i", "--rm", "busybox", "cat");
    assertThat(r.out()).isEqualTo("piped-input\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void a_missing_image_and_container_give_the_daemon_errors() throws Exception {
    Result r = docker("logs", "nosuch");
    assertThat(r.out()).isEqualTo("Error response from daemon: No such container: nosuch\n");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void detached_container_lifecycle_as_a_user_sees_it() throws Exception {
    Result run = docker("run", "-d", "--name", "sleeper", "busybox", "sleep", "100");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).matches("[0-9a-f]{64}\n");
    String id = run.out().trim();

    Result ps = docker("ps");
    assertThat(ps.exit()).isZero();
    String[] rows = ps.out().split("\n");
    assertThat(rows[0]).startsWith("CONTAINER ID   IMAGE     COMMAND       CREATED");
    assertThat(rows).hasSize(2);
    assertThat(rows[1]).startsWith(id.substring(0, 12) + "   busybox   \"sleep 100\"   ").contains(" Up ")
        .endsWith("sleeper");

    assertThat(docker("run", "--name", "talker", "busybox", "echo", "logged").out()).isEqualTo("logged\n");
    Result psAll = docker("ps", "-a");
    assertThat(psAll.out()).contains("talker").contains("Exited (0)").contains("sleeper");
    assertThat(docker("logs", "talker").out()).isEqualTo("logged\n");

    Result inspect = docker("inspect", "sleeper");
    assertThat(inspect.exit()).isZero();
    assertThat(inspect.out()).startsWith("[\n    {\n        \"Id\": \"" + id + "\",")
        .contains("\"Name\": \"/sleeper\"").contains("\"Status\": \"running\"");

    Result exec = docker("exec", "sleeper", "echo", "hi");
    assertThat(exec.out()).isEqualTo("hi\n");
    assertThat(exec.exit()).isZero();
    assertThat(docker("exec", "sleeper", "sh", "-c", "exit 4").exit()).isEqualTo(4);
    assertThat(docker("exec", "sleeper", "sh", "-c", "echo x > /tmp/made").exit()).isZero();

    Result diff = docker("diff", "sleeper");
    assertThat(diff.out()).contains("C /tmp\n").contains("A /tmp/made\n");

    Path tar = dir.resolve("fs.tar");
    Result export = docker("export", "-o", tar.toString(), "sleeper");
    assertThat(export.exit()).isZero();
    assertThat(new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1)).contains("tmp/made");

    Result stop = docker("stop", "sleeper");
    assertThat(stop.out()).isEqualTo("sleeper\n");
    assertThat(stop.exit()).isZero();
    Result rm = docker("rm", "sleeper");
    assertThat(rm.out()).isEqualTo("sleeper\n");
    assertThat(docker("ps", "-a").out()).doesNotContain("sleeper");

    long until = Instant.now().getEpochSecond() + 1;
    Result events = docker("events", "--since", "0", "--until", Long.toString(until), "--filter",
        "container=sleeper");
    assertThat(events.exit()).isZero();
    List<String> actions = new ArrayList<>();
    for (String line : events.out().split("\n")) {
      assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+ container [a-z_:]+.*" + id + " \\(.*name=sleeper.*\\)");
      actions.add(line.split(" ")[2]);
    }
    assertThat(actions).containsSubsequence("create", "start", "exec_create:", "exec_start:", "exec_die", "kill",
        "die", "stop", "destroy");
  }
}
