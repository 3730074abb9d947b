package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The compound commands, each by what dash prints and the status it ends with. */
class CompoundCommandsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @Test
  void while_runs_its_body_as_long_as_the_condition_holds() throws Exception {
    assertThat(f.sh("i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done")).isEqualTo(ok("1\n2\n3\n"));
    assertThat(f.sh("while false; do echo never; done; echo $?")).isEqualTo(ok("0\n"));
    assertThat(f.sh("i=0; while [ $i -lt 2 ]; do i=$((i+1)); false; done")).isEqualTo(new Result(1, "", ""));
  }

  @Test
  void until_runs_its_body_until_the_condition_holds() throws Exception {
    assertThat(f.sh("n=3; until [ $n -eq 0 ]; do echo $n; n=$((n-1)); done")).isEqualTo(ok("3\n2\n1\n"));
  }

  @Test
  void for_iterates_over_its_words_after_expansion() throws Exception {
    f.env.put("LIST", "a b  c");
    assertThat(f.sh("for x in 1 \"2 3\" $LIST; do echo \"<$x>\"; done"))
        .isEqualTo(ok("<1>\n<2 3>\n<a>\n<b>\n<c>\n"));
    assertThat(f.sh("for x in; do echo never; done; echo $?")).isEqualTo(ok("0\n"));
    assertThat(f.sh("for x in a b; do :; done; echo $x")).isEqualTo(ok("b\n"));
  }

  @Test
  void for_without_in_iterates_over_the_positional_parameters() throws Exception {
    assertThat(f.run("sh", "-c", "for a; do echo \"[$a]\"; done", "sh", "one", "two words"))
        .isEqualTo(ok("[one]\n[two words]\n"));
    assertThat(f.run("sh", "-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh", "x y", "z"))
        .isEqualTo(ok("[x y]\n[z]\n"));
    assertThat(f.run("sh", "-c", "for a in \"$@\"; do echo never; done; echo done")).isEqualTo(ok("done\n"));
  }

  @Test
  void if_runs_the_first_branch_whose_condition_holds() throws Exception {
    String script = "for n in 1 2 3; do if [ $n = 1 ]; then echo one; elif [ $n = 2 ]; then echo two; "
        + "else echo many; fi; done";
    assertThat(f.sh(script)).isEqualTo(ok("one\ntwo\nmany\n"));
    assertThat(f.sh("if false; then echo no; fi; echo $?")).isEqualTo(ok("0\n"));
    assertThat(f.sh("if true; then false; fi")).isEqualTo(new Result(1, "", ""));
    assertThat(f.sh("if ! false; then echo negated; fi")).isEqualTo(ok("negated\n"));
  }

  @Test
  void case_matches_glob_patterns_in_order() throws Exception {
    String script = "for w in apple b.txt zz \"q r\" x; do case $w in a*) echo A;; *.txt|zz) echo T;; "
        + "\"q r\") echo Q;; (?) echo one;; esac; done";
    assertThat(f.sh(script)).isEqualTo(ok("A\nT\nT\nQ\none\n"));
    assertThat(f.sh("case abc in [ab]bc) echo set;; esac")).isEqualTo(ok("set\n"));
    assertThat(f.sh("case x in y) echo no;; esac; echo $?")).isEqualTo(ok("0\n"));
    assertThat(f.sh("case a in a) echo last; esac")).isEqualTo(ok("last\n"));
  }

  @Test
  void quoted_case_patterns_match_literally_and_unquoted_values_match_as_globs() throws Exception {
    assertThat(f.sh("p='*'; case abc in \"$p\") echo lit;; $p) echo glob;; esac")).isEqualTo(ok("glob\n"));
    assertThat(f.sh("case '*' in \\*) echo star;; esac")).isEqualTo(ok("star\n"));
  }

  @Test
  void a_brace_group_runs_in_the_current_shell_and_takes_redirections() throws Exception {
    assertThat(f.sh("{ x=1; cd /tmp; }; echo $x; pwd")).isEqualTo(ok("1\n/tmp\n"));
    assertThat(f.sh("{ echo out; echo err >&2; } 2>&1 | wc -l")).isEqualTo(ok("2\n"));
    assertThat(f.sh("{ echo a; echo b; } > /tmp/g; cat /tmp/g")).isEqualTo(ok("a\nb\n"));
  }

  @Test
  void a_subshell_keeps_its_variables_directory_and_exit_to_itself() throws Exception {
    assertThat(f.sh("x=1; (x=2; cd /tmp; echo in $x; pwd); echo out $x; pwd"))
        .isEqualTo(ok("in 2\n/tmp\nout 1\n/\n"));
    assertThat(f.sh("(exit 3); echo $?")).isEqualTo(ok("3\n"));
    assertThat(f.sh("(echo a; exit 4; echo b) ; echo after $?")).isEqualTo(ok("a\nafter 4\n"));
    assertThat(f.sh("(echo x >&2) 2>/dev/null; echo $?")).isEqualTo(ok("0\n"));
  }

  @Test
  void loops_take_redirections_and_feed_pipelines() throws Exception {
    assertThat(f.sh("for x in a b; do echo $x; done > /tmp/fo; cat /tmp/fo")).isEqualTo(ok("a\nb\n"));
    assertThat(f.sh("for x in c a b; do echo $x; done | nosuch 2>/dev/null || for x in 1 2; do echo $x; done | wc -l"))
        .isEqualTo(ok("2\n"));
    assertThat(f.sh("for x in c a b; do echo $x; done | nosuch; echo $?"))
        .isEqualTo(new Result(0, "127\n", "/bin/sh: nosuch: not found\n"));
    assertThat(f.sh("while true; do echo y; done | head -n 2; echo rc $?")).isEqualTo(ok("y\ny\nrc 0\n"));
    assertThat(f.sh("i=0; while [ $i -lt 2 ]; do i=$((i+1)); echo $i >&2; done 2>/tmp/e; cat /tmp/e"))
        .isEqualTo(ok("1\n2\n"));
  }

  @Test
  void while_read_walks_stdin_a_line_at_a_time() throws Exception {
    f.write("/tmp/in", "a  b c \nx\\\ny z\nlast");
    assertThat(f.sh("while read a b; do echo \"[$a][$b]\"; done < /tmp/in; echo \"end [$a][$b]\""))
        .isEqualTo(ok("[a][b c]\n[xy][z]\nend [last][]\n"));
    assertThat(f.sh("read -r a < /tmp/in; echo \"$a\"; read")).isEqualTo(new Result(2, "a  b c\n",
        "/bin/sh: read: arg count\n"));
    assertThat(f.runWithStdin("one\ntwo\n", "sh", "-c", "while read l; do echo got $l; done"))
        .isEqualTo(ok("got one\ngot two\n"));
  }

  @Test
  void break_and_continue_leave_or_skip_the_innermost_loop_or_n_of_them() throws Exception {
    assertThat(f.sh("for x in 1 2 3; do for y in a b; do echo $x$y; break 2; done; done; echo $?"))
        .isEqualTo(ok("1a\n0\n"));
    assertThat(f.sh("for x in 1 2; do for y in a b c; do [ $y = b ] && continue; echo $x$y; done; done"))
        .isEqualTo(ok("1a\n1c\n2a\n2c\n"));
    assertThat(f.sh("for x in 1 2; do for y in a b; do continue 2; echo no; done; echo no; done; echo end"))
        .isEqualTo(ok("end\n"));
    assertThat(f.sh("while true; do break 5; done; echo out")).isEqualTo(ok("out\n"));
    assertThat(f.sh("break; continue 2; echo outside")).isEqualTo(ok("outside\n"));
    assertThat(f.sh("while :; do break 0; done; echo no"))
        .isEqualTo(new Result(2, "", "/bin/sh: break: Illegal number: 0\n"));
  }

  @Test
  void functions_take_arguments_and_return_a_status() throws Exception {
    assertThat(f.run("sh", "-c", "greet() { echo \"hi $1 ($#)\"; return 4; echo no; }; greet you there; "
        + "echo $? $1", "sh", "top")).isEqualTo(ok("hi you (2)\n4 top\n"));
    assertThat(f.sh("f() (cd /tmp; pwd); f; pwd")).isEqualTo(ok("/tmp\n/\n"));
    assertThat(f.sh("return 3; echo no")).isEqualTo(new Result(3, "", ""));
  }

  @Test
  void newlines_separate_commands_inside_compound_commands() throws Exception {
    String script = "\n# a script file\nfor i in 1 2\ndo\n  if [ $i = 2 ]\n  then\n    echo two\n  else\n"
        + "    echo other\n  fi\ndone\ncase $i in\n  2)\n    echo case ;;\nesac\n{\n  echo group\n}\n";
    assertThat(f.sh(script)).isEqualTo(ok("other\ntwo\ncase\ngroup\n"));
  }

  @Test
  void testcontainers_port_check_line_parses_and_runs() throws Exception {
    f.write("/proc/net/tcp", "  sl  local_address rem_address   st\n   0: 00000000:0050 00000000:0000 0A\n");
    String line = "true && (cat /proc/net/tcp* | awk '{print $2}' | grep -i :0050 || nc -vz -w 1 localhost 80 || "
        + "/bin/bash -c '</dev/tcp/localhost/80') 2>/dev/null";
    assertThat(Parser.parse(line).items()).hasSize(1);
    // no pathname expansion in the mini shell: the run names the file itself
    String run = line.replace("tcp*", "tcp");
    assertThat(f.sh(run + "; echo status $?")).isEqualTo(ok("00000000:0050\nstatus 0\n"));
    assertThat(f.sh(run.replace("0050", "1F90") + "; echo status $?").out()).doesNotContain("status 0");
  }
}
