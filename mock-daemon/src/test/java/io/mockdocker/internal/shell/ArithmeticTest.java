package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code $((...))} as dash evaluates it, and its errors (the shell exits 2). */
class ArithmeticTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @Test
  void operators_follow_c_precedence_on_64_bit_integers() throws Exception {
    assertThat(f.sh("echo $((2+3*4)) $(( (2+3)*4 )) $((7/2)) $((-7/2)) $((7%3)) $((1<<4)) $((256>>2)) $((5&3)) "
        + "$((5|3)) $((5^3)) $((!0)) $((~0)) $((1?2:3)) $((0x10)) $((010))"))
        .isEqualTo(ok("14 20 3 -3 1 16 64 1 7 6 1 -1 2 16 8\n"));
    assertThat(f.sh("echo $((3>2)) $((3<2)) $((2<=2)) $((2>=3)) $((1==1)) $((1!=1)) $((0&&1)) $((0||2)) $((-(3)))"))
        .isEqualTo(ok("1 0 1 0 1 0 0 1 -3\n"));
    assertThat(f.sh("echo $((9223372036854775807 + 1))")).isEqualTo(ok("-9223372036854775808\n"));
  }

  @Test
  void variables_are_read_with_or_without_a_dollar() throws Exception {
    assertThat(f.sh("x=5; echo $((x*2)) $(($x+1)) $((${x}-1)) $((x<3)) $((unset_var+1))"))
        .isEqualTo(ok("10 6 4 0 1\n"));
    assertThat(f.run("sh", "-c", "echo $(($1*$2)) $(($#+1))", "sh", "4", "5")).isEqualTo(ok("20 3\n"));
    assertThat(f.sh("x=' 5 '; echo \"$((x+1))x\"")).isEqualTo(ok("6x\n"));
  }

  @Test
  void assignments_set_the_variable_and_short_circuits_skip_them() throws Exception {
    assertThat(f.sh("echo $((i=5)) $i $((i+=2)) $i $((i*=3)) $((i-=1)) $((i/=4)) $((i%=3))"))
        .isEqualTo(ok("5 5 7 7 21 20 5 2\n"));
    assertThat(f.sh("echo $((0 && (y=9))) \"[$y]\"")).isEqualTo(ok("0 []\n"));
  }

  @Test
  void a_counting_loop_counts() throws Exception {
    assertThat(f.sh("n=0; while [ $n -lt 100 ]; do n=$((n + 1)); done; echo $n")).isEqualTo(ok("100\n"));
  }

  @Test
  void errors_end_the_shell_with_status_2() throws Exception {
    assertThat(f.sh("x=abc; echo $((x+1)); echo after")).isEqualTo(new Result(2, "", "/bin/sh: Illegal number: abc\n"));
    assertThat(f.sh("echo $((1/0)); echo after"))
        .isEqualTo(new Result(2, "", "/bin/sh: arithmetic expression: division by zero: \"1/0\"\n"));
    assertThat(f.sh("echo $((1 +)); echo after"))
        .isEqualTo(new Result(2, "", "/bin/sh: arithmetic expression: expecting primary: \"1 +\"\n"));
    assertThat(f.sh("echo $((1 2))"))
        .isEqualTo(new Result(2, "", "/bin/sh: arithmetic expression: expecting EOF: \"1 2\"\n"));
    assertThat(f.sh("echo $(( 1 ? 2 ))"))
        .isEqualTo(new Result(2, "", "/bin/sh: arithmetic expression: expecting ':': \" 1 ? 2 \"\n"));
  }

  @Test
  void an_error_in_a_subshell_ends_only_the_subshell() throws Exception {
    assertThat(f.sh("(echo $((1%0))); echo sub $?"))
        .isEqualTo(new Result(0, "sub 2\n", "/bin/sh: arithmetic expression: division by zero: \"1%0\"\n"));
  }

  @Test
  void an_unclosed_expansion_is_a_syntax_error() throws Exception {
    assertThat(f.sh("echo $((1+2")).isEqualTo(new Result(2, "", "/bin/sh: Syntax error: Missing '))'\n"));
  }
}
