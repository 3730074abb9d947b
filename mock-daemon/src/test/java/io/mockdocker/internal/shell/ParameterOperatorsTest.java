package io.mockdocker.internal.shell;

import static io.mockdocker.internal.shell.ShellFixture.Result.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ${NAME OP WORD}} and {@code ${#NAME}} as dash expands them. */
class ParameterOperatorsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @Test
  void defaults_and_alternatives_tell_unset_from_empty_with_the_colon() throws Exception {
    assertThat(f.sh("x=; echo \"${x:-d}\" \"${x-d}\" \"${y-d}\" \"${x:+s}\" \"${z+s}\""))
        .isEqualTo(ok("d  d  \n"));
    assertThat(f.sh("echo ${u:=set} $u; v=; echo \"[${v=no}]\"")).isEqualTo(ok("set set\n[]\n"));
    assertThat(f.run("sh", "-c", "echo ${1:-one} ${2:-two}", "sh", "first")).isEqualTo(ok("first two\n"));
  }

  @Test
  void the_word_is_expanded_and_its_quoting_kept() throws Exception {
    assertThat(f.sh("echo ${x:-$HOME} ${x:-\"${HOME}x\"}")).isEqualTo(ok("/ /x\n"));
    assertThat(f.sh("echo ${x:-'q  t'} ${y:-a   b} \"${y:-c   d}\"")).isEqualTo(ok("q  t a b c   d\n"));
  }

  @Test
  void length_and_prefix_and_suffix_removal() throws Exception {
    assertThat(f.sh("f=a/b/c.txt; echo ${#f} ${f#*/} ${f##*/} ${f%/*} ${f%%/*} ${f%.txt} ${f#x}"))
        .isEqualTo(ok("9 b/c.txt c.txt a/b a a/b/c a/b/c.txt\n"));
  }

  @Test
  void a_missing_required_value_ends_the_shell_with_2() throws Exception {
    assertThat(f.sh("echo ${y:?missing}; echo after")).isEqualTo(new Result(2, "", "/bin/sh: y: missing\n"));
    assertThat(f.sh("echo ${y?}")).isEqualTo(new Result(2, "", "/bin/sh: y: parameter not set\n"));
  }

  @Test
  void malformed_forms_are_syntax_errors() throws Exception {
    assertThat(f.sh("echo ${x:-a")).isEqualTo(new Result(2, "", "/bin/sh: Syntax error: Missing '}'\n"));
    assertThat(f.sh("echo ${x!}")).isEqualTo(new Result(2, "", "/bin/sh: Bad substitution\n"));
  }
}
