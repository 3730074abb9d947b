package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** id, whoami, uname, ps, nc, find, cp, mv, env, date and hostname as busybox 1.36 prints them. */
class SystemToolsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  /** A container whose process runs as {@code user}, with one other process and port 80 open on itself. */
  private ContainerView container(String user) {
    return new ContainerView() {
      @Override
      public String user() {
        return user;
      }

      @Override
      public List<Process> processes() {
        return List.of(new Process(1, "", List.of("sleep", "100")), new Process(7, user, List.of("sh")));
      }

      @Override
      public Boolean connects(String host, int port) {
        return host.equals("localhost") || host.equals("db") ? port == 80 : null;
      }
    };
  }

  @Test
  void id_and_whoami_as_root_answer_as_busybox_does() throws Exception {
    assertThat(f.sh("id -u; whoami")).isEqualTo(ok("0\nroot\n"));
    assertThat(f.run("id")).isEqualTo(ok("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"));
    assertThat(f.run("id", "-un")).isEqualTo(ok("root\n"));
    assertThat(f.run("id", "-G")).isEqualTo(ok("0 10\n"));
    assertThat(f.run("id", "-Gn")).isEqualTo(ok("root wheel\n"));
    assertThat(f.run("id", "nobody")).isEqualTo(ok("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n"));
    assertThat(f.run("id", "nosuch")).isEqualTo(new Result(1, "", "id: unknown user nosuch\n"));
  }

  @Test
  void the_container_user_and_its_passwd_decide_what_id_and_whoami_print() throws Exception {
    f.view = container("1000");
    assertThat(f.run("id")).isEqualTo(ok("uid=1000 gid=0(root) groups=0(root)\n"));
    assertThat(f.run("id", "-u")).isEqualTo(ok("1000\n"));
    assertThat(f.run("whoami")).isEqualTo(new Result(1, "", "whoami: unknown uid 1000\n"));
    assertThat(f.run("id", "-un")).isEqualTo(new Result(1, "1000\n", "id: unknown ID 1000\n"));
    f.view = container("nobody");
    assertThat(f.run("id")).isEqualTo(ok("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n"));
    f.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
    f.write("/etc/group", "root:x:0:\napp:x:1000:\ndocker:x:999:app\n");
    f.view = container("1000");
    assertThat(f.sh("whoami; id")).isEqualTo(ok("app\nuid=1000(app) gid=1000(app) groups=1000(app),999(docker)\n"));
    f.view = container("app:0");
    assertThat(f.run("id")).isEqualTo(ok("uid=1000(app) gid=0(root) groups=0(root),999(docker)\n"));
    assertThat(f.run("id", "-x").err()).startsWith("id: invalid option -- 'x'\nBusyBox v1.36.1");
  }

  @Test
  void uname_prints_the_simulated_kernel_and_the_hostname() throws Exception {
    assertThat(f.run("uname")).isEqualTo(ok("Linux\n"));
    assertThat(f.run("uname", "-n", "-m")).isEqualTo(ok("c0ffee123456 x86_64\n"));
    assertThat(f.run("uname", "-r")).isEqualTo(ok("6.8.0-mock\n"));
    assertThat(f.run("uname", "-a")).isEqualTo(ok(
        "Linux c0ffee123456 6.8.0-mock #1 SMP PREEMPT_DYNAMIC Fri May 30 12:00:00 UTC 2025 x86_64 GNU/Linux\n"));
  }

  @Test
  void ps_lists_the_container_processes_and_itself() throws Exception {
    f.view = container("1000");
    assertThat(f.run("ps")).isEqualTo(ok("""
        PID   USER     TIME  COMMAND
            1 root      0:00 sleep 100
            7 1000      0:00 sh
            8 1000      0:00 ps
        """));
    assertThat(f.run("ps", "-ef").code()).isZero();
    assertThat(f.run("ps", "-o", "pid,comm=NAME")).isEqualTo(ok("PID   NAME\n    1 sleep\n    7 sh\n    8 ps\n"));
    assertThat(f.run("ps", "-o", "vsz")).isEqualTo(new Result(1, "",
        "ps: bad -o argument 'vsz', supported arguments: user,pid,time,comm,args\n"));
    assertThat(f.run("ps", "-Q").code()).isEqualTo(1);
    f.view = null;
    assertThat(f.run("ps", "aux")).isEqualTo(ok("PID   USER     TIME  COMMAND\n    1 root      0:00 ps aux\n"));
  }

  @Test
  void nc_dash_z_answers_from_the_container_ports() throws Exception {
    f.view = container("");
    assertThat(f.run("nc", "-z", "localhost", "80")).isEqualTo(ok(""));
    assertThat(f.run("nc", "-z", "db", "81")).isEqualTo(new Result(1, "", ""));
    assertThat(f.run("nc", "-zv", "db", "80")).isEqualTo(new Result(0, "", "db (db:80) open\n"));
    assertThat(f.run("nc", "-z", "elsewhere", "80")).isEqualTo(new Result(1, "", "nc: bad address 'elsewhere'\n"));
    assertThat(f.sh("nc -z -w 1 localhost 80 && echo up")).isEqualTo(ok("up\n"));
    assertThat(f.run("nc", "localhost", "80"))
        .isEqualTo(new Result(1, "", "nc: only the port check (nc -z HOST PORT) is simulated\n"));
    f.view = null;
    assertThat(f.run("nc", "-z", "localhost", "80")).isEqualTo(new Result(1, "", ""));
  }

  @Test
  void find_walks_the_tree_with_name_type_and_depth_tests() throws Exception {
    f.write("/srv/a.txt", "");
    f.write("/srv/sub/b.txt", "");
    f.write("/srv/sub/c.log", "");
    assertThat(f.run("find", "/srv", "-name", "*.txt")).isEqualTo(ok("/srv/a.txt\n/srv/sub/b.txt\n"));
    assertThat(f.run("find", "/srv", "-type", "d")).isEqualTo(ok("/srv\n/srv/sub\n"));
    assertThat(f.run("find", "/srv", "-maxdepth", "1")).isEqualTo(ok("/srv\n/srv/a.txt\n/srv/sub\n"));
    assertThat(f.run("find", "/srv", "-type", "f", "!", "-name", "*.txt")).isEqualTo(ok("/srv/sub/c.log\n"));
    f.workingDir = "/srv";
    assertThat(f.run("find", ".", "-name", "c*")).isEqualTo(ok("./sub/c.log\n"));
    assertThat(f.run("find", "/nope")).isEqualTo(new Result(1, "", "find: /nope: No such file or directory\n"));
    assertThat(f.run("find", "/srv", "-bogus", "x").err()).startsWith("find: unrecognized: -bogus\nBusyBox");
  }

  @Test
  void cp_and_mv_copy_and_move_files_and_trees() throws Exception {
    f.write("/srv/a.txt", "A");
    f.write("/srv/sub/b.txt", "B");
    assertThat(f.run("cp", "/srv/a.txt", "/tmp/a2")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/a2")).isEqualTo("A");
    assertThat(f.run("cp", "/srv/a.txt", "/tmp")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/a.txt")).isEqualTo("A");
    assertThat(f.run("cp", "/srv", "/tmp/copy")).isEqualTo(new Result(1, "", "cp: omitting directory '/srv'\n"));
    assertThat(f.run("cp", "-r", "/srv", "/tmp/copy")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/copy/sub/b.txt")).isEqualTo("B");
    assertThat(f.run("cp", "/nope", "/tmp")).isEqualTo(new Result(1, "",
        "cp: can't stat '/nope': No such file or directory\n"));
    assertThat(f.run("mv", "/tmp/a2", "/tmp/a3")).isEqualTo(ok(""));
    assertThat(Files.exists(f.file("/tmp/a2"))).isFalse();
    assertThat(f.read("/tmp/a3")).isEqualTo("A");
    assertThat(f.run("mv", "/srv/sub", "/tmp")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/sub/b.txt")).isEqualTo("B");
    assertThat(Files.exists(f.file("/srv/sub"))).isFalse();
    assertThat(f.run("mv", "/nope", "/tmp")).isEqualTo(new Result(1, "",
        "mv: can't rename '/nope': No such file or directory\n"));
    assertThat(f.run("cp", "/srv/a.txt").code()).isEqualTo(1);
  }

  @Test
  void cp_and_mv_respect_a_read_only_mount() throws Exception {
    Path ro = f.fs.getPath("/volumes/ro");
    Files.createDirectories(ro);
    Files.writeString(ro.resolve("kept"), "K");
    Files.createDirectories(f.file("/ro"));
    f.mounts = List.of(new FsRoot.Mount("/ro", ro, true));
    f.write("/tmp/x", "X");
    assertThat(f.run("cp", "/tmp/x", "/ro/x")).isEqualTo(new Result(1, "",
        "cp: can't create '/ro/x': Read-only file system\n"));
    assertThat(f.run("mv", "/ro/kept", "/tmp/kept")).isEqualTo(new Result(1, "",
        "mv: can't rename '/ro/kept': Read-only file system\n"));
    assertThat(f.run("cp", "/ro/kept", "/tmp/kept")).isEqualTo(ok(""));
    assertThat(f.read("/tmp/kept")).isEqualTo("K");
    assertThat(Files.exists(ro.resolve("x"))).isFalse();
    assertThat(f.run("sed", "-i", "s/K/L/", "/ro/kept")).isEqualTo(new Result(1, "",
        "sed: can't create '/ro/kept': Read-only file system\n"));
  }

  @Test
  void env_date_and_hostname_with_arguments() throws Exception {
    assertThat(f.run("env", "-i", "A=b", "env")).isEqualTo(ok("A=b\n"));
    assertThat(f.sh("env A=1 sh -c 'echo $A'")).isEqualTo(ok("1\n"));
    assertThat(f.sh("export A=1 B=2; env -u A | grep -c '^[AB]='")).isEqualTo(ok("1\n"));
    assertThat(f.run("env", "-x").err()).startsWith("env: invalid option -- 'x'\nBusyBox v1.36.1");
    assertThat(f.run("env", "-i", "nosuch")).isEqualTo(new Result(127, "",
        "env: nosuch: No such file or directory\n"));
    assertThat(f.run("date", "+%Y-%m-%d %H:%M:%S")).isEqualTo(ok("2013-06-15 12:00:00\n"));
    assertThat(f.run("date", "-u", "+%s")).isEqualTo(ok("1371297600\n"));
    assertThat(f.run("hostname")).isEqualTo(ok("c0ffee123456\n"));
  }
}
