package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockdocker.internal.shell.Ast.SimpleCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Word expansion: parameters, field splitting, tilde. */
class ExpanderTest {

  static List<String> expand(String words, ShellState state) throws SyntaxError {
    SimpleCommand c = (SimpleCommand) Parser.parse(words).items().get(0).pipelines().get(0).commands().get(0);
    return Expander.fields(c.words(), state);
  }

  static ShellState state() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", "/root");
    env.put("SPACED", "  a  b ");
    env.put("EMPTY", "");
    return ShellState.of(env, "/", List.of("sh", "one", "two words"));
  }

  @Test
  void unquoted_values_split_on_blanks_and_quoted_ones_do_not() throws Exception {
    assertThat(expand("x $SPACED \"$SPACED\" pre${SPACED}post", state()))
        .containsExactly("x", "a", "b", "  a  b ", "pre", "a", "b", "post");
  }

  @Test
  void an_empty_unquoted_value_is_no_field_and_a_quoted_one_is_an_empty_field() throws Exception {
    assertThat(expand("x $EMPTY $UNSET \"$EMPTY\" ''", state())).containsExactly("x", "", "");
  }

  @Test
  void special_and_positional_parameters() throws Exception {
    ShellState s = state();
    s.status(42);
    assertThat(expand("$? $0 $1 \"$2\" $# $9", s)).containsExactly("42", "sh", "one", "two words", "2");
  }

  @Test
  void a_leading_tilde_is_home() throws Exception {
    assertThat(expand("~ ~/x a~ '~'", state())).containsExactly("/root", "/root/x", "a~", "~");
  }
}
