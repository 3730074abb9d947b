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
  record Pipeline(List<Node> commands, boolean negated) {}

  /** One command of a pipeline: simple, compound, or a function definition. */
  sealed interface Node permits SimpleCommand, Compound, FunctionDef {}

  /** One simple command: prefix assignments, words (argv before expansion), redirections in order. */
  record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) implements Node {}

  /** A compound command with the redirections written after it ({@code while ...; done > file}). */
  record Compound(Body body, List<Redirect> redirects) implements Node {}

  /** {@code name() compound}: defines a function, runs nothing. */
  record FunctionDef(String name, Compound body) implements Node {}

  /** What a compound command does. */
  sealed interface Body permits Group, Subshell, If, Loop, For, Case {}

  /** {@code { list; }}: runs in the current shell. */
  record Group(Script list) implements Body {}

  /** {@code ( list )}: runs on a copy of the shell's state. */
  record Subshell(Script list) implements Body {}

  /** {@code if c0; then b0; elif c1; then b1; else otherwise; fi}; {@code otherwise} is null without else. */
  record If(List<Script> conditions, List<Script> branches, Script otherwise) implements Body {}

  /** {@code while}/{@code until condition; do body; done}. */
  record Loop(Script condition, Script body, boolean until) implements Body {}

  /** {@code for name in words; do body; done}; {@code words} is null for {@code for name; do} (over "$@"). */
  record For(String name, List<Word> words, Script body) implements Body {}

  /** {@code case subject in pattern|pattern) list;; ... esac}. */
  record Case(Word subject, List<CaseItem> items) implements Body {}

  /** One arm of a case: its patterns and the list it runs. */
  record CaseItem(List<Word> patterns, Script list) {}

  /** {@code NAME=value}. */
  record Assignment(String name, Word value) {}

  /** {@code [fd]op target}: op is one of {@code > >> < >& <&}; fd is -1 when not given. */
  record Redirect(int fd, String op, Word target) {}

  /** A word as written: literal, parameter and arithmetic parts, each quoted or not. */
  record Word(List<Part> parts) {}

  /** A piece of a word. */
  sealed interface Part permits Literal, Param, ParamOp, Arith {}

  /** Literal text; quoted text is never split and keeps an empty word alive ({@code ""}). */
  record Literal(String text, boolean quoted) implements Part {}

  /** {@code $NAME}, {@code ${NAME}}, {@code $?}, {@code $1}...; unquoted values are split into fields. */
  record Param(String name, boolean quoted) implements Part {}

  /**
   * {@code ${NAME OP WORD}}: {@code op} is one of {@code :- - := = :+ + :? ? # ## % %%}, or {@code length} for
   * {@code ${#NAME}} (whose {@code word} is empty).
   */
  record ParamOp(String name, String op, Word word, boolean quoted) implements Part {}

  /** {@code $((expression))}: the expression as written, parameters expanded when it is evaluated. */
  record Arith(String expression, boolean quoted) implements Part {}
}
