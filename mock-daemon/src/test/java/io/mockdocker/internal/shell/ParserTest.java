package io.mockdocker.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockdocker.internal.shell.Ast.AndOr;
import io.mockdocker.internal.shell.Ast.Assignment;
import io.mockdocker.internal.shell.Ast.Literal;
import io.mockdocker.internal.shell.Ast.Param;
import io.mockdocker.internal.shell.Ast.Pipeline;
import io.mockdocker.internal.shell.Ast.Redirect;
import io.mockdocker.internal.shell.Ast.Script;
import io.mockdocker.internal.shell.Ast.SimpleCommand;
import io.mockdocker.internal.shell.Ast.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsed structure of scripts, and dash's syntax error messages. */
class ParserTest {

  static Word lit(String text) {
    return new Word(List.of(new Literal(text, false)));
  }

  static SimpleCommand only(Script script) {
    assertThat(script.items()).hasSize(1);
    AndOr list = script.items().get(0);
    assertThat(list.pipelines()).hasSize(1);
    assertThat(list.pipelines().get(0).commands()).hasSize(1);
    return (SimpleCommand) list.pipelines().get(0).commands().get(0);
  }

  @Test
  void separators_and_operators_make_lists_of_pipelines() throws Exception {
    Script script = Parser.parse("a; b && c || d\ne | f | g\n");
    assertThat(script.items()).hasSize(3);
    assertThat(script.items().get(1).ops()).containsExactly("&&", "||");
    assertThat(script.items().get(2).pipelines().get(0).commands()).hasSize(3);
    assertThat(Parser.parse("  \n # only a comment\n").items()).isEmpty();
  }

  @Test
  void a_bang_negates_a_pipeline() throws Exception {
    Pipeline p = Parser.parse("! a | b").items().get(0).pipelines().get(0);
    assertThat(p.negated()).isTrue();
    assertThat(p.commands()).hasSize(2);
    assertThat(only(Parser.parse("!a")).words()).containsExactly(lit("!a"));
  }

  @Test
  void quotes_and_escapes_become_quoted_literal_parts() throws Exception {
    SimpleCommand c = only(Parser.parse("echo 'a b'\"c $X\"d\\ e"));
    assertThat(c.words()).hasSize(2);
    assertThat(c.words().get(1).parts()).containsExactly(
        new Literal("a b", true), new Literal("c ", true), new Param("X", true), new Literal("", true),
        new Literal("d", false), new Literal(" ", true), new Literal("e", false));
  }

  @Test
  void parameters_are_recognised_in_their_forms() throws Exception {
    SimpleCommand c = only(Parser.parse("x $A_1 ${B}c $? $1 $ $%"));
    assertThat(c.words().subList(1, 7)).containsExactly(
        new Word(List.of(new Param("A_1", false))),
        new Word(List.of(new Param("B", false), new Literal("c", false))),
        new Word(List.of(new Param("?", false))),
        new Word(List.of(new Param("1", false))),
        new Word(List.of(new Literal("$", false))),
        new Word(List.of(new Literal("$", false), new Literal("%", false))));
  }

  @Test
  void leading_name_equals_words_are_assignments() throws Exception {
    SimpleCommand c = only(Parser.parse("A=1 B= cmd C=3"));
    assertThat(c.assignments()).containsExactly(
        new Assignment("A", lit("1")), new Assignment("B", new Word(List.of())));
    assertThat(c.words()).containsExactly(lit("cmd"), lit("C=3"));
    assertThat(only(Parser.parse("'A'=1")).assignments()).isEmpty();
  }

  @Test
  void redirections_take_an_optional_fd_and_a_target_word() throws Exception {
    SimpleCommand c = only(Parser.parse("cmd >out 2>> err 2>&1 <in a2>b"));
    assertThat(c.redirects()).containsExactly(
        new Redirect(-1, ">", lit("out")), new Redirect(2, ">>", lit("err")), new Redirect(2, ">&", lit("1")),
        new Redirect(-1, "<", lit("in")), new Redirect(-1, ">", lit("b")));
    assertThat(c.words()).containsExactly(lit("cmd"), lit("a2"));
  }

  @Test
  void syntax_errors_read_as_dash_prints_them() {
    assertThatThrownBy(() -> Parser.parse("echo 'x")).hasMessage("Syntax error: Unterminated quoted string");
    assertThatThrownBy(() -> Parser.parse("; x")).hasMessage("Syntax error: \";\" unexpected");
    assertThatThrownBy(() -> Parser.parse("a | | b")).hasMessage("Syntax error: \"|\" unexpected");
    assertThatThrownBy(() -> Parser.parse("a ||")).hasMessage("Syntax error: end of file unexpected");
    assertThatThrownBy(() -> Parser.parse("echo >")).hasMessage("Syntax error: newline unexpected");
    assertThatThrownBy(() -> Parser.parse("echo $(date)")).hasMessageContaining("not supported");
  }

  @Test
  void an_open_quote_or_trailing_operator_is_incomplete_input() {
    assertThatThrownBy(() -> Parser.parse("echo \"a\n")).isInstanceOfSatisfying(SyntaxError.class,
        e -> assertThat(e.incomplete()).isTrue());
    assertThatThrownBy(() -> Parser.parse("a &&\n")).isInstanceOfSatisfying(SyntaxError.class,
        e -> assertThat(e.incomplete()).isTrue());
    assertThatThrownBy(() -> Parser.parse(";")).isInstanceOfSatisfying(SyntaxError.class,
        e -> assertThat(e.incomplete()).isFalse());
  }
}
