package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands and scripts, byte for byte: stdout, stderr and exit code. */
class MiniShellTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @Test
  void echo_joins_its_arguments_with_one_space_and_ends_with_a_newline() throws Exception {
    assertThat(f.run("/bin/echo", "hello", "", "world")).isEqualTo(ok("hello  world\n"));
    assertThat(f.run("echo")).isEqualTo(ok("\n"));
  }

  @Test
  void echo_dash_n_leaves_out_the_newline() throws Exception {
    assertThat(f.run("echo", "-n", "foobar")).isEqualTo(ok("foobar"));
    assertThat(f.run("echo", "-n")).isEqualTo(ok(""));
    assertThat(f.run("echo", "-x", "y")).isEqualTo(ok("-x y\n"));
  }

  @Test
  void commands_are_found_by_their_basename() throws Exception {
    assertThat(f.run("/usr/local/bin/echo", "x")).isEqualTo(ok("x\n"));
    assertThat(MiniShell.knows("/bin/echo")).isTrue();
    assertThat(MiniShell.knows("sh")).isTrue();
    assertThat(MiniShell.knows("/bin/bash")).isTrue();
    assertThat(MiniShell.knows("[")).isTrue();
    assertThat(MiniShell.knows("/usr/bin/apt-get")).isFalse();
    assertThat(MiniShell.knows("cd")).isFalse();
  }

  @Test
  void an_unknown_command_exits_127_with_not_found_on_stderr() throws Exception {
    assertThat(f.run("/usr/bin/nosuch", "arg")).isEqualTo(new Result(127, "", "/bin/sh: /usr/bin/nosuch: not found\n"));
    assertThat(f.sh("echo before; nosuch; echo $?"))
        .isEqualTo(new Result(0, "before\n127\n", "/bin/sh: nosuch: not found\n"));
    assertThat(f.run("exit", "3")).isEqualTo(new Result(127, "", "/bin/sh: exit: not found\n"));
  }

  @Test
  void true_and_false_exit_0_and_1() throws Exception {
    assertThat(f.run("/bin/true")).isEqualTo(ok(""));
    assertThat(f.run("/bin/false")).isEqualTo(new Result(1, "", ""));
  }

  @Test
  void cat_copies_stdin_to_stdout() throws Exception {
    assertThat(f.runWithStdin("hello\nworld", "/bin/cat")).isEqualTo(ok("hello\nworld"));
    assertThat(f.runWithStdin("in\n", "cat", "/etc/hostname", "-")).isEqualTo(ok("base\nin\n"));
  }

  @Test
  void cat_of_a_missing_file_says_so_and_exits_1_after_printing_the_others() throws Exception {
    assertThat(f.run("cat", "/nope", "/etc/hostname"))
        .isEqualTo(new Result(1, "base\n", "cat: /nope: No such file or directory\n"));
    assertThat(f.run("cat", "/etc")).isEqualTo(new Result(1, "", "cat: /etc: Is a directory\n"));
  }

  @Test
  void sleep_waits_on_the_clock_and_accepts_decimals_and_units() throws Exception {
    assertThat(f.run("sleep", "1.5")).isEqualTo(ok(""));
    assertThat(f.run("sleep", "2m", ".25")).isEqualTo(ok(""));
    assertThat(f.clock.sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(120_250));
    assertThat(f.clock.now()).isEqualTo(ShellFixture.T0.plusMillis(121_750));
  }

  @Test
  void sleep_rejects_a_bad_interval_like_gnu_sleep() throws Exception {
    assertThat(f.run("sleep", "soon")).isEqualTo(new Result(1, "",
        "sleep: invalid time interval `soon'\nTry `sleep --help' for more information.\n"));
    assertThat(f.run("sleep")).isEqualTo(new Result(1, "",
        "sleep: missing operand\nTry `sleep --help' for more information.\n"));
  }

  @Test
  void env_prints_the_environment_in_insertion_order() throws Exception {
    assertThat(f.run("/usr/bin/env")).isEqualTo(ok(
        "HOME=/\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\ncontainer=lxc\n"));
  }

  @Test
  void hostname_pwd_and_date_print_what_the_container_sees() throws Exception {
    f.workingDir = "/tmp/../etc/";
    assertThat(f.run("hostname")).isEqualTo(ok("c0ffee123456\n"));
    assertThat(f.run("pwd")).isEqualTo(ok("/etc\n"));
    assertThat(f.run("date")).isEqualTo(ok("Sat Jun 15 12:00:00 UTC 2013\n"));
    assertThat(f.run("date", "+%Y-%m-%dT%H:%M:%S %s")).isEqualTo(ok("2013-06-15T12:00:00 1371297600\n"));
  }

  @Test
  void date_pads_the_day_with_a_space_and_uses_the_clock_zone() throws Exception {
    FakeClock la = new FakeClock(Instant.parse("2013-06-01T19:04:05Z"), ZoneId.of("America/Los_Angeles"));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code = new MiniShell().run(java.util.List.of("date"),
        f.context(java.io.InputStream.nullInputStream(), out, new java.io.ByteArrayOutputStream(), la));
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("Sat Jun  1 12:04:05 PDT 2013\n");
  }

  @Test
  void sh_dash_c_runs_a_script_and_returns_the_last_status() throws Exception {
    assertThat(f.sh("echo a; false")).isEqualTo(new Result(1, "a\n", ""));
    assertThat(f.run("bash", "-c", "true\nfalse\ntrue")).isEqualTo(ok(""));
    assertThat(f.run("/bin/sh", "-c", "echo", "hello", "world")).isEqualTo(ok("\n"));
    assertThat(f.run("/bin/sh", "-c", "echo $0 $1 $#", "name", "one")).isEqualTo(ok("name one 1\n"));
  }

  @Test
  void exit_ends_the_script_with_its_code() throws Exception {
    assertThat(f.sh("echo a; exit 3; echo b")).isEqualTo(new Result(3, "a\n", ""));
    assertThat(f.sh("false; exit")).isEqualTo(new Result(1, "", ""));
    assertThat(f.sh("exit 256")).isEqualTo(new Result(0, "", ""));
  }

  @Test
  void and_or_lists_run_by_the_previous_status() throws Exception {
    assertThat(f.sh("true && echo yes || echo no")).isEqualTo(ok("yes\n"));
    assertThat(f.sh("false && echo yes || echo no")).isEqualTo(ok("no\n"));
    assertThat(f.sh("false || false && echo never")).isEqualTo(new Result(1, "", ""));
    assertThat(f.sh("! false && echo negated")).isEqualTo(ok("negated\n"));
  }

  @Test
  void quoting_and_escapes_make_words_as_dash_does() throws Exception {
    assertThat(f.sh("echo 'a  b' \"c  $HOME\" d\\ e \\$HOME '$HOME' \"\\\"q\\\"\"")).isEqualTo(
        ok("a  b c  / d e $HOME $HOME \"q\"\n"));
    assertThat(f.sh("echo \"\" x ''")).isEqualTo(ok(" x \n"));
  }

  @Test
  void variables_expand_and_unquoted_values_split_into_fields() throws Exception {
    assertThat(f.sh("X='a   b'; echo $X; echo \"$X\"; echo ${X}c; echo $UNSET-")).isEqualTo(
        ok("a b\na   b\na bc\n-\n"));
    assertThat(f.sh("false; echo $?; echo $?")).isEqualTo(ok("1\n0\n"));
  }

  @Test
  void an_assignment_before_a_command_is_in_that_commands_environment_only() throws Exception {
    f.env.clear();
    f.env.put("A", "1");
    assertThat(f.sh("B=2 env; env; C=3; env; export C; env")).isEqualTo(
        ok("A=1\nB=2\nA=1\nA=1\nA=1\nC=3\n"));
    assertThat(f.sh("A=changed; sh -c 'echo $A'")).isEqualTo(ok("changed\n"));
  }

  @Test
  void comments_and_newlines_separate_and_end_commands() throws Exception {
    assertThat(f.sh("# a comment\necho a # trailing\n\necho b#not-a-comment")).isEqualTo(ok("a\nb#not-a-comment\n"));
  }

  @Test
  void redirections_write_append_and_read_container_files() throws Exception {
    assertThat(f.sh("echo hello > /world; echo again >> /world; cat < /world")).isEqualTo(ok("hello\nagain\n"));
    assertThat(f.read("/world")).isEqualTo("hello\nagain\n");
    assertThat(f.sh("cat /nope 2> /tmp/err; echo $?")).isEqualTo(ok("1\n"));
    assertThat(f.read("/tmp/err")).isEqualTo("cat: /nope: No such file or directory\n");
    assertThat(f.sh("cat /nope >/tmp/both 2>&1")).isEqualTo(new Result(1, "", ""));
    assertThat(f.read("/tmp/both")).isEqualTo("cat: /nope: No such file or directory\n");
    assertThat(f.sh("cat /nope 2>&1 >/dev/null")).isEqualTo(new Result(1, "cat: /nope: No such file or directory\n", ""));
  }

  @Test
  void a_redirection_that_cannot_open_fails_the_command_with_status_2() throws Exception {
    assertThat(f.sh("echo x > /no/such/file; echo $?")).isEqualTo(
        new Result(0, "2\n", "/bin/sh: cannot create /no/such/file: Directory nonexistent\n"));
    assertThat(f.sh("cat < /nope")).isEqualTo(new Result(2, "", "/bin/sh: cannot open /nope: No such file\n"));
  }

  @Test
  void pipes_connect_stages_and_the_status_is_the_last_stages() throws Exception {
    assertThat(f.sh("echo hi | cat | cat")).isEqualTo(ok("hi\n"));
    assertThat(f.sh("echo hi | false")).isEqualTo(new Result(1, "", ""));
    assertThat(f.sh("false | true")).isEqualTo(ok(""));
    assertThat(f.runWithStdin("from stdin\n", "sh", "-c", "cat | cat > /tmp/out; cat /tmp/out")).isEqualTo(
        ok("from stdin\n"));
  }

  @Test
  void pipeline_stages_are_subshells() throws Exception {
    assertThat(f.sh("X=1; X=2 | true; exit 4 | true; echo $X")).isEqualTo(ok("1\n"));
    assertThat(f.sh("cd /tmp | true; pwd")).isEqualTo(ok("/\n"));
  }

  @Test
  void cd_changes_the_directory_that_relative_paths_use() throws Exception {
    assertThat(f.sh("cd /etc; pwd; cat hostname; cd ..; pwd; cd ../../..; pwd")).isEqualTo(
        ok("/etc\nbase\n/\n/\n"));
    assertThat(f.sh("cd /nope; echo $?")).isEqualTo(new Result(0, "2\n", "/bin/sh: cd: can't cd to /nope\n"));
    assertThat(f.sh("cd tmp && echo made > x; cd; pwd; cat tmp/x")).isEqualTo(ok("/\nmade\n"));
  }

  @Test
  void dot_dot_never_leaves_the_container_root() throws Exception {
    assertThat(f.sh("cat ../../../../etc/hostname; echo x > /../../escape")).isEqualTo(ok("base\n"));
    assertThat(f.read("/escape")).isEqualTo("x\n");
    assertThat(java.nio.file.Files.exists(f.fs.getPath("/escape"))).isFalse();
  }

  @Test
  void absolute_symlinks_resolve_inside_the_container_root() throws Exception {
    java.nio.file.Files.createSymbolicLink(f.file("/etc/link"), f.fs.getPath("/etc/hostname"));
    assertThat(f.run("cat", "/etc/link")).isEqualTo(ok("base\n"));
  }

  @Test
  void test_and_bracket_evaluate_files_strings_and_numbers() throws Exception {
    assertThat(f.sh("[ -d /etc ] && [ -f /etc/hostname ] && [ -e /tmp ] && [ ! -e /nope ] && echo files"))
        .isEqualTo(ok("files\n"));
    assertThat(f.sh("test -z '' && test -n x && test a = a && test a != b && [ 2 -lt 10 ] && echo strings"))
        .isEqualTo(ok("strings\n"));
    assertThat(f.sh("[ -f /etc ]; echo $?; test; echo $?; test x; echo $?")).isEqualTo(ok("1\n1\n0\n"));
    assertThat(f.sh("[ a = a")).isEqualTo(new Result(2, "", "/bin/sh: [: missing ]\n"));
    assertThat(f.sh("[ a b ]")).isEqualTo(new Result(2, "", "/bin/sh: [: a: unexpected operator\n"));
  }

  @Test
  void a_syntax_error_exits_2_without_running_anything() throws Exception {
    assertThat(f.sh("echo a; echo 'open")).isEqualTo(
        new Result(2, "", "/bin/sh: Syntax error: Unterminated quoted string\n"));
    assertThat(f.sh("echo a;; echo b")).isEqualTo(new Result(2, "", "/bin/sh: Syntax error: \";;\" unexpected\n"));
    assertThat(f.sh("echo a &&")).isEqualTo(new Result(2, "", "/bin/sh: Syntax error: end of file unexpected\n"));
  }

  @Test
  void sh_without_dash_c_runs_stdin_line_by_line_until_end_of_file() throws Exception {
    assertThat(f.runWithStdin("echo one\nX=2\necho $X 'multi\nline'\nexit 5\necho never\n", "/bin/sh"))
        .isEqualTo(new Result(5, "one\n2 multi\nline\n", ""));
    assertThat(f.runWithStdin("echo first\ncat\nrest of stdin\n", "sh")).isEqualTo(ok("first\nrest of stdin\n"));
  }

  @Test
  void sh_runs_a_script_file_from_the_container() throws Exception {
    f.write("/run.sh", "#!/bin/sh\necho \"args: $@\"\nexit 7\n");
    assertThat(f.run("sh", "/run.sh", "a", "b")).isEqualTo(new Result(7, "args: a b\n", ""));
    assertThat(f.run("sh", "/nope.sh")).isEqualTo(new Result(127, "", "/bin/sh: Can't open /nope.sh\n"));
  }
}
