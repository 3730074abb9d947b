package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ls, touch, mkdir and rm on the container's root, with GNU coreutils (2013) output. */
class FileCommandsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @Test
  void ls_prints_one_name_per_line_sorted_as_in_the_c_locale() throws Exception {
    for (String name : new String[] {"b", "B", "a", "_x", "a.txt", "Z9", ".hidden"}) {
      f.write("/d/" + name, "");
    }
    assertThat(f.run("ls", "/d")).isEqualTo(ok("B\nZ9\n_x\na\na.txt\nb\n"));
    assertThat(f.run("ls", "-a", "/d")).isEqualTo(ok(".\n..\n.hidden\nB\nZ9\n_x\na\na.txt\nb\n"));
  }

  @Test
  void ls_without_operands_lists_the_working_directory() throws Exception {
    assertThat(f.run("ls")).isEqualTo(ok("bin\netc\ntmp\n"));
    f.workingDir = "/etc";
    assertThat(f.run("ls")).isEqualTo(ok("hostname\n"));
  }

  @Test
  void ls_of_several_operands_lists_files_then_each_directory_under_a_header() throws Exception {
    f.write("/d/one", "");
    f.write("/e/two", "");
    assertThat(f.run("ls", "/e", "/etc/hostname", "/d")).isEqualTo(ok("/etc/hostname\n\n/d:\none\n\n/e:\ntwo\n"));
    assertThat(f.run("ls", "/nope", "/d")).isEqualTo(
        new Result(2, "/d:\none\n", "ls: cannot access /nope: No such file or directory\n"));
  }

  @Test
  void ls_dash_l_prints_the_long_format() throws Exception {
    f.write("/d/file", "hello");
    Files.createDirectory(f.file("/d/sub"));
    Files.setLastModifiedTime(f.file("/d/file"), FileTime.from(Instant.parse("2013-06-14T08:30:00Z")));
    Files.setLastModifiedTime(f.file("/d/sub"), FileTime.from(Instant.parse("2012-01-02T00:00:00Z")));
    Files.createSymbolicLink(f.file("/d/link"), f.fs.getPath("file"));
    Files.getFileAttributeView(f.file("/d/link"), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(Instant.parse("2013-06-15T11:00:00Z")), null, null);
    Result result = f.run("ls", "-l", "/d");
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo(
        "total 8\n"
            + "-rw-r--r-- 1 root root    5 Jun 14 08:30 file\n"
            + "lrwxrwxrwx 1 root root    4 Jun 15 11:00 link -> file\n"
            + "drwxr-xr-x 2 root root 4096 Jan  2  2012 sub\n");
  }

  @Test
  void touch_creates_files_and_stamps_them_with_the_clock() throws Exception {
    assertThat(f.sh("touch /test /tmp/a; touch /test")).isEqualTo(ok(""));
    assertThat(f.read("/test")).isEmpty();
    assertThat(Files.getLastModifiedTime(f.file("/tmp/a")).toInstant()).isEqualTo(ShellFixture.T0);
    assertThat(f.run("touch", "/no/dir/x")).isEqualTo(
        new Result(1, "", "touch: cannot touch `/no/dir/x': No such file or directory\n"));
  }

  @Test
  void touch_keeps_the_contents_of_an_existing_file() throws Exception {
    f.write("/etc/passwd", "root:x:0:0\n");
    assertThat(f.run("touch", "/etc/passwd")).isEqualTo(ok(""));
    assertThat(f.read("/etc/passwd")).isEqualTo("root:x:0:0\n");
  }

  @Test
  void mkdir_makes_one_directory_or_with_dash_p_all_parents() throws Exception {
    assertThat(f.run("mkdir", "/new")).isEqualTo(ok(""));
    assertThat(Files.isDirectory(f.file("/new"))).isTrue();
    assertThat(f.run("mkdir", "/new")).isEqualTo(
        new Result(1, "", "mkdir: cannot create directory `/new': File exists\n"));
    assertThat(f.run("mkdir", "/a/b")).isEqualTo(
        new Result(1, "", "mkdir: cannot create directory `/a/b': No such file or directory\n"));
    assertThat(f.run("mkdir", "-p", "/a/b/c", "/new")).isEqualTo(ok(""));
    assertThat(Files.isDirectory(f.file("/a/b/c"))).isTrue();
    assertThat(f.run("mkdir")).isEqualTo(
        new Result(1, "", "mkdir: missing operand\nTry `mkdir --help' for more information.\n"));
  }

  @Test
  void rm_removes_files_and_with_dash_r_directories() throws Exception {
    f.write("/etc/passwd", "root\n");
    f.write("/var/lib/x/y", "z");
    assertThat(f.run("/bin/rm", "/etc/passwd")).isEqualTo(ok(""));
    assertThat(Files.exists(f.file("/etc/passwd"))).isFalse();
    assertThat(f.run("rm", "/var")).isEqualTo(new Result(1, "", "rm: cannot remove `/var': Is a directory\n"));
    assertThat(f.run("rm", "-rf", "/var", "/nope")).isEqualTo(ok(""));
    assertThat(Files.exists(f.file("/var"))).isFalse();
    assertThat(Files.isDirectory(f.root)).isTrue();
  }

  @Test
  void rm_reports_missing_files_unless_forced() throws Exception {
    assertThat(f.run("rm", "/nope")).isEqualTo(
        new Result(1, "", "rm: cannot remove `/nope': No such file or directory\n"));
    assertThat(f.run("rm", "-f", "/nope")).isEqualTo(ok(""));
    assertThat(f.run("rm", "-f")).isEqualTo(ok(""));
    assertThat(f.run("rm")).isEqualTo(
        new Result(1, "", "rm: missing operand\nTry `rm --help' for more information.\n"));
  }

  @Test
  void rm_dash_r_refuses_the_root() throws Exception {
    assertThat(f.run("rm", "-rf", "/")).isEqualTo(new Result(1, "",
        "rm: it is dangerous to operate recursively on `/'\nrm: use --no-preserve-root to override this failsafe\n"));
    assertThat(f.run("ls", "/")).isEqualTo(ok("bin\netc\ntmp\n"));
  }

  @Test
  void rm_removes_a_symlink_not_its_target() throws Exception {
    Files.createSymbolicLink(f.file("/tmp/link"), f.fs.getPath("/etc"));
    assertThat(f.run("rm", "/tmp/link")).isEqualTo(ok(""));
    assertThat(f.read("/etc/hostname")).isEqualTo("base\n");
  }

  @Test
  void dev_null_swallows_output_and_reads_empty() throws Exception {
    assertThat(f.sh("echo gone > /dev/null; cat /dev/null; cat < /dev/null")).isEqualTo(ok(""));
  }
}
