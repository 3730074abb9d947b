package io.mockdocker.internal.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One shell's variables, working directory, positional parameters and last exit status. */
final class ShellState {
  private final LinkedHashMap<String, String> vars;
  private final Set<String> exported;
  private final List<String> positional;
  /** The traps set in this shell, by signal number (0 is EXIT); an empty action ignores the signal. */
  private final java.util.TreeMap<Integer, String> traps = new java.util.TreeMap<>();
  /** The functions defined in this shell, by name. */
  private final Map<String, Ast.FunctionDef> functions = new java.util.HashMap<>();
  private String cwd;
  private int status;
  /** How many loops enclose the command running now ({@code break} and {@code continue} count to this). */
  private int loops;
  /** Whether a command of this shell wrote to a pipe no one reads any more (SIGPIPE ends the shell). */
  private boolean pipeBroken;
  /** How many function calls are running ({@code return} outside any ends the script). */
  private int calls;

  private ShellState(Map<String, String> vars, Set<String> exported, List<String> positional, String cwd) {
    this.vars = new LinkedHashMap<>(vars);
    this.exported = new LinkedHashSet<>(exported);
    this.positional = new ArrayList<>(positional);
    this.cwd = cwd;
  }

  /** A fresh shell: every variable of {@code environment} exported; {@code positional.get(0)} is {@code $0}. */
  static ShellState of(Map<String, String> environment, String cwd, List<String> positional) {
    Map<String, String> env = environment == null ? Map.of() : environment;
    return new ShellState(env, env.keySet(), positional, cwd);
  }

  /** The trap for {@code signal}, or {@code null}. */
  String trap(int signal) {
    return traps.get(signal);
  }

  /** Sets ({@code null}: resets) the trap for {@code signal}. */
  void trap(int signal, String action) {
    if (action == null) {
      traps.remove(signal);
    } else {
      traps.put(signal, action);
    }
  }

  /** Every trap, by signal number. */
  Map<Integer, String> traps() {
    return java.util.Collections.unmodifiableMap(traps);
  }

  /** A subshell: everything copied but the traps, which a subshell does not run. */
  ShellState copy() {
    ShellState copy = new ShellState(vars, exported, positional, cwd);
    copy.status = status;
    copy.functions.putAll(functions);
    copy.loops = loops;
    copy.calls = calls;
    return copy;
  }

  /** A copy in which {@code extra} are set and exported, for {@code NAME=value command}. */
  ShellState withExported(Map<String, String> extra) {
    ShellState copy = copy();
    extra.forEach(copy::export);
    return copy;
  }

  /** The exported variables, in the order they were first set. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    vars.forEach((k, v) -> {
      if (exported.contains(k)) {
        env.put(k, v);
      }
    });
    return env;
  }

  String get(String name) {
    return vars.get(name);
  }

  void set(String name, String value) {
    vars.put(name, value);
  }

  void export(String name, String value) {
    vars.put(name, value);
    exported.add(name);
  }

  void export(String name) {
    exported.add(name);
  }

  void unset(String name) {
    vars.remove(name);
    exported.remove(name);
  }

  Map<String, String> variables() {
    return vars;
  }

  boolean isExported(String name) {
    return exported.contains(name);
  }

  /** {@code $0}, {@code $1}, ...: empty when out of range. */
  String positional(int index) {
    return index < positional.size() ? positional.get(index) : "";
  }

  /** {@code $1} onwards. */
  List<String> arguments() {
    return positional.isEmpty() ? List.of() : positional.subList(1, positional.size());
  }

  /** Replaces {@code $1}... (a function call) and returns the ones replaced. */
  List<String> replaceArguments(List<String> arguments) {
    List<String> before = List.copyOf(arguments());
    String zero = positional(0);
    positional.clear();
    positional.add(zero);
    positional.addAll(arguments);
    return before;
  }

  Ast.FunctionDef function(String name) {
    return functions.get(name);
  }

  void define(Ast.FunctionDef function) {
    functions.put(function.name(), function);
  }

  int loops() {
    return loops;
  }

  void loops(int loops) {
    this.loops = loops;
  }

  boolean pipeBroken() {
    return pipeBroken;
  }

  void pipeBroken(boolean broken) {
    this.pipeBroken = broken;
  }

  int calls() {
    return calls;
  }

  void calls(int calls) {
    this.calls = calls;
  }

  String cwd() {
    return cwd;
  }

  void cwd(String cwd) {
    this.cwd = cwd;
  }

  int status() {
    return status;
  }

  void status(int status) {
    this.status = status;
  }
}
