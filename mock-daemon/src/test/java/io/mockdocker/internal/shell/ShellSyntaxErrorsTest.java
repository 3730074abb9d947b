package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.internal.shell.ShellFixture.Result;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scripts the parser refuses: dash's wording after the shell's {@code /bin/sh: } prefix, status 2, and nothing of the
 * script run (not even the commands before the error).
 */
class ShellSyntaxErrorsTest {
  final ShellFixture f = new ShellFixture();

  @AfterEach
  void close() throws IOException {
    f.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "echo first; done | Syntax error: \"done\" unexpected",
      "echo first; while true; do echo | Syntax error: end of file unexpected (expecting \"done\")",
      "while true; echo; done | Syntax error: \"done\" unexpected (expecting \"do\")",
      "if true; then echo; done | Syntax error: \"done\" unexpected (expecting \"fi\")",
      "if true; then echo a; fi; fi | Syntax error: \"fi\" unexpected",
      "if | Syntax error: end of file unexpected (expecting \"then\")",
      "if; then fi | Syntax error: \";\" unexpected",
      "if true; then fi | Syntax error: \"fi\" unexpected",
      "then | Syntax error: \"then\" unexpected",
      "while do done | Syntax error: \"do\" unexpected",
      "while | Syntax error: end of file unexpected (expecting \"do\")",
      "for 1 in a; do echo; done | Syntax error: Bad for loop variable",
      "for x in a b; echo; done | Syntax error: word unexpected (expecting \"do\")",
      "for x in | Syntax error: end of file unexpected",
      "case x | Syntax error: end of file unexpected (expecting \"in\")",
      "case x in | Syntax error: end of file unexpected (expecting \")\")",
      "case x in a) echo | Syntax error: end of file unexpected (expecting \";;\")",
      "(echo a | Syntax error: end of file unexpected (expecting \")\")",
      "echo a) | Syntax error: \")\" unexpected",
      "( ) | Syntax error: \")\" unexpected",
      "{ echo a | Syntax error: end of file unexpected (expecting \"}\")",
      "{ echo a } | Syntax error: end of file unexpected (expecting \"}\")",
      "{ } | Syntax error: \"}\" unexpected",
      "echo a; ; echo b | Syntax error: \";\" unexpected",
  })
  void dash_wording_and_status_2_with_nothing_run(String script, String message) throws Exception {
    assertThat(f.sh(script)).isEqualTo(new Result(2, "", "/bin/sh: " + message + "\n"));
  }

  @Test
  void a_script_runs_line_by_line_so_lines_before_an_error_have_run() throws Exception {
    assertThat(f.sh("echo first\ndone\necho never"))
        .isEqualTo(new Result(2, "first\n", "/bin/sh: Syntax error: \"done\" unexpected\n"));
    assertThat(f.sh("echo a \\\n  b\nfor x in 1 2\ndo echo $x\ndone")).isEqualTo(new Result(0, "a b\n1\n2\n", ""));
  }

  @Test
  void an_unfinished_compound_command_on_stdin_waits_for_the_lines_that_finish_it() throws Exception {
    assertThat(f.runWithStdin("for x in a b\ndo\n  echo $x\ndone\necho end\n", "/bin/sh"))
        .isEqualTo(new Result(0, "a\nb\nend\n", ""));
    assertThat(f.runWithStdin("while true\ndo echo x\n", "/bin/sh")).isEqualTo(
        new Result(2, "", "/bin/sh: Syntax error: end of file unexpected (expecting \"done\")\n"));
  }

  @Test
  void reserved_words_are_only_reserved_where_a_command_starts() throws Exception {
    assertThat(f.sh("echo if then done }; echo {a} esac")).isEqualTo(new Result(0, "if then done }\n{a} esac\n", ""));
    assertThat(f.sh("'done'")).isEqualTo(new Result(127, "", "/bin/sh: done: not found\n"));
  }

  @Test
  void an_end_of_file_error_is_incomplete_input_and_a_misplaced_word_is_not() {
    assertThatThrownBy(() -> Parser.parse("if true; then\n")).isInstanceOfSatisfying(SyntaxError.class,
        e -> assertThat(e.incomplete()).isTrue());
    assertThatThrownBy(() -> Parser.parse("fi\n")).isInstanceOfSatisfying(SyntaxError.class,
        e -> assertThat(e.incomplete()).isFalse());
  }
}
