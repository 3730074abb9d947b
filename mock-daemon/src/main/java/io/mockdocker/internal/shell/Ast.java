package io.mockdocker.internal.shell;

import java.util.List;

/** The parsed form of a script. */
final class Ast {
  private Ast() {}

  /** Commands separated by {@code ;} or newlines. */
  record Script(List<AndOr> items) {}

  /** Pipelines joined by {@code &&} / {@code ||}; {@code ops.get(i)} joins pipeline i and i+1. */
  record AndOr(List<Pipeline> pipelines, List<String> ops) {}

  /** Commands joined by {@code |}, optionally negated by a leading {@code !}. */
  record Pipeline(List<SimpleCommand> commands, boolean negated) {}

  /** One simple command: prefix assignments, words (argv before expansion), redirections in order. */
  record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) {}

  /** {@code NAME=value}. */
  record Assignment(String name, Word value) {}

  /** {@code [fd]op target}: op is one of {@code > >> < >& <&}; fd is -1 when not given. */
  record Redirect(int fd, String op, Word target) {}

  /** A word as written: literal and parameter parts, each quoted or not. */
  record Word(List<Part> parts) {}

  /** A piece of a word. */
  sealed interface Part permits Literal, Param {}

  /** Literal text; quoted text is never split and keeps an empty word alive ({@code ""}). */
  record Literal(String text, boolean quoted) implements Part {}

  /** {@code $NAME}, {@code ${NAME}}, {@code $?}, {@code $1}...; unquoted values are split into fields. */
  record Param(String name, boolean quoted) implements Part {}
}
