package io.mockdocker.internal.shell;

import io.mockdocker.internal.shell.Ast.Body;
import io.mockdocker.internal.shell.Ast.Case;
import io.mockdocker.internal.shell.Ast.CaseItem;
import io.mockdocker.internal.shell.Ast.For;
import io.mockdocker.internal.shell.Ast.FunctionDef;
import io.mockdocker.internal.shell.Ast.Group;
import io.mockdocker.internal.shell.Ast.If;
import io.mockdocker.internal.shell.Ast.Loop;
import io.mockdocker.internal.shell.Ast.Subshell;
import io.mockdocker.internal.shell.Ast.Word;
import java.io.IOException;
import java.util.List;

/**
 * Runs compound commands and function calls, and the builtins that steer them ({@code break}, {@code continue},
 * {@code return}). Every loop iteration looks at the thread's interrupt, so a loop that never sleeps still ends
 * when its container is killed, and a trapped signal runs its action between iterations.
 */
final class Compounds {
  private final Interpreter interpreter;

  Compounds(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /** {@code break N} / {@code continue N} unwinding to the N-th enclosing loop. */
  static final class LoopControl extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int levels;
    final boolean isBreak;

    LoopControl(int levels, boolean isBreak) {
      super(null, null, false, false);
      this.levels = levels;
      this.isBreak = isBreak;
    }
  }

  /** {@code return N} unwinding to the function call. */
  static final class FunctionReturn extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    FunctionReturn(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  int run(Body body, ShellState state, Io io) throws InterruptedException {
    if (body instanceof Group group) {
      return interpreter.run(group.list(), state, io);
    } else if (body instanceof Subshell subshell) {
      return subshell(subshell, state, io);
    } else if (body instanceof If clause) {
      return ifClause(clause, state, io);
    } else if (body instanceof Loop loop) {
      return loop(loop, state, io);
    } else if (body instanceof For clause) {
      return forClause(clause, state, io);
    }
    return caseClause((Case) body, state, io);
  }

  /** On a copy of the state: its variables, directory and {@code exit} stay inside. */
  private int subshell(Subshell subshell, ShellState state, Io io) throws InterruptedException {
    ShellState copy = state.copy();
    try {
      return interpreter.run(subshell.list(), copy, io);
    } catch (ShellExit e) {
      return e.code();
    } catch (LoopControl | FunctionReturn e) {
      return copy.status();
    }
  }

  private int ifClause(If clause, ShellState state, Io io) throws InterruptedException {
    for (int k = 0; k < clause.conditions().size(); k++) {
      if (interpreter.run(clause.conditions().get(k), state, io) == 0) {
        return interpreter.run(clause.branches().get(k), state, io);
      }
    }
    return clause.otherwise() == null ? 0 : interpreter.run(clause.otherwise(), state, io);
  }

  private int loop(Loop loop, ShellState state, Io io) throws InterruptedException {
    return looping(state, () -> {
      int status = 0;
      while (true) {
        interpreter.poll(state, io);
        int pass = pass(() -> {
          boolean holds = interpreter.run(loop.condition(), state, io) == 0;
          return holds == loop.until() ? ENDED : interpreter.run(loop.body(), state, io);
        });
        if (pass == ENDED) {
          return status;
        }
        status = Math.max(pass, 0);
        if (pass == BROKEN) {
          return status;
        }
      }
    });
  }

  private int forClause(For clause, ShellState state, Io io) throws InterruptedException {
    List<String> values = clause.words() == null ? List.copyOf(state.arguments())
        : Expander.fields(clause.words(), state);
    return looping(state, () -> {
      int status = 0;
      for (String value : values) {
        interpreter.poll(state, io);
        Interpreter.assign(state, clause.name(), value);
        int pass = pass(() -> interpreter.run(clause.body(), state, io));
        status = Math.max(pass, 0);
        if (pass == BROKEN) {
          break;
        }
      }
      return status;
    });
  }

  /** Runs a loop, counted as one more enclosing loop for {@code break} and {@code continue}. */
  private static int looping(ShellState state, Step loop) throws InterruptedException {
    state.loops(state.loops() + 1);
    try {
      return loop.run();
    } finally {
      state.loops(state.loops() - 1);
    }
  }

  /** What {@link #pass} returns when the loop's condition ended it. */
  private static final int ENDED = -1;
  /** What {@link #pass} returns when a {@code break} ended the loop. */
  private static final int BROKEN = -2;

  /** A loop, or one pass of it. */
  private interface Step {
    int run() throws InterruptedException;
  }

  /**
   * Runs one pass: its status, 0 after a {@code continue}, {@link #BROKEN} after a {@code break}; a break or
   * continue aimed at an outer loop goes on up, one level less.
   */
  private static int pass(Step step) throws InterruptedException {
    try {
      return step.run();
    } catch (LoopControl control) {
      if (control.levels > 1) {
        throw new LoopControl(control.levels - 1, control.isBreak);
      }
      return control.isBreak ? BROKEN : 0;
    }
  }

  private int caseClause(Case clause, ShellState state, Io io) throws InterruptedException {
    String subject = Expander.string(clause.subject(), state);
    for (CaseItem item : clause.items()) {
      for (Word pattern : item.patterns()) {
        if (Find.glob(Expander.pattern(pattern, state), false).matcher(subject).matches()) {
          return item.list().items().isEmpty() ? 0 : interpreter.run(item.list(), state, io);
        }
      }
    }
    return 0;
  }

  /** Calls {@code function} with {@code arguments} as {@code $1}...; {@code $0} stays the shell's. */
  int call(FunctionDef function, List<String> arguments, ShellState state, Io io) throws InterruptedException {
    List<String> saved = state.replaceArguments(arguments);
    state.calls(state.calls() + 1);
    try {
      return interpreter.node(function.body(), state, io);
    } catch (FunctionReturn e) {
      return e.code;
    } finally {
      state.calls(state.calls() - 1);
      state.replaceArguments(saved);
    }
  }

  /** {@code break [N]}: leaves N loops (all there are when N is more); outside a loop does nothing. */
  static int breakLoop(Proc p) throws IOException {
    return loopControl(p, true);
  }

  /** {@code continue [N]}: the next iteration of the N-th enclosing loop. */
  static int continueLoop(Proc p) throws IOException {
    return loopControl(p, false);
  }

  private static int loopControl(Proc p, boolean isBreak) throws IOException {
    int levels = 1;
    if (!p.operands().isEmpty()) {
      String n = p.operands().get(0);
      if (!n.matches("\\d{1,9}") || Integer.parseInt(n) == 0) {
        p.err("/bin/sh: " + p.args().get(0) + ": Illegal number: " + n + "\n");
        throw new ShellExit(2);
      }
      levels = Integer.parseInt(n);
    }
    if (p.state().loops() == 0) {
      return 0;
    }
    throw new LoopControl(Math.min(levels, p.state().loops()), isBreak);
  }

  /** {@code return [N]}: ends the function (N, or the last status); outside a function ends the script. */
  static int returnFromFunction(Proc p) throws IOException {
    int code = p.state().status();
    if (!p.operands().isEmpty()) {
      String n = p.operands().get(0);
      if (!n.matches("\\d{1,9}")) {
        p.err("/bin/sh: return: Illegal number: " + n + "\n");
        throw new ShellExit(2);
      }
      code = Integer.parseInt(n) & 0xff;
    }
    if (p.state().calls() == 0) {
      throw new ShellExit(code);
    }
    throw new FunctionReturn(code);
  }
}
