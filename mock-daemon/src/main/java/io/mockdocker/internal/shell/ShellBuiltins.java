package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Builtins that act on the shell itself: cd, exit, export, unset, trap, read. Messages as dash prints them. */
final class ShellBuiltins {
  private ShellBuiltins() {}

  /** {@code cd [DIR]}: no argument goes to {@code $HOME} (or {@code /}). */
  static int cd(Proc p) throws IOException {
    List<String> args = p.operands();
    String target;
    if (args.isEmpty()) {
      String home = p.state().get("HOME");
      target = home == null || home.isEmpty() ? "/" : home;
    } else if (args.get(0).equals("-")) {
      String old = p.state().get("OLDPWD");
      target = old == null ? p.state().cwd() : old;
    } else {
      target = args.get(0);
    }
    ContainerFs fs = p.fs();
    boolean directory;
    try {
      directory = Files.isDirectory(fs.resolve(target));
    } catch (IOException e) {
      directory = false;
    }
    if (!directory) {
      p.err("/bin/sh: cd: can't cd to " + target + "\n");
      return 2;
    }
    String old = p.state().cwd();
    p.state().cwd(fs.absolute(target));
    if (p.state().get("PWD") != null) {
      p.state().set("PWD", p.state().cwd());
      p.state().set("OLDPWD", old);
    }
    return 0;
  }

  /** {@code exit [N]}: ends the script with N (default: the last status). */
  static int exit(Proc p) throws IOException {
    if (p.operands().isEmpty()) {
      throw new ShellExit(p.state().status());
    }
    String n = p.operands().get(0);
    if (!n.matches("\\d{1,9}")) {
      p.err("/bin/sh: exit: Illegal number: " + n + "\n");
      throw new ShellExit(2);
    }
    throw new ShellExit(Integer.parseInt(n) & 0xff);
  }

  /** {@code export NAME[=VALUE]...}; without arguments lists the exported variables. */
  static int export(Proc p) throws IOException {
    if (p.operands().isEmpty()) {
      StringBuilder out = new StringBuilder();
      p.state().environment().forEach((k, v) ->
          out.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
      p.out(out.toString());
      return 0;
    }
    for (String a : p.operands()) {
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (!Parser.isName(name)) {
        p.err("/bin/sh: export: " + name + ": bad variable name\n");
        return 2;
      }
      if (eq < 0) {
        p.state().export(name);
      } else {
        p.state().export(name, a.substring(eq + 1));
      }
    }
    return 0;
  }

  /** {@code unset NAME...}. */
  static int unset(Proc p) {
    p.operands().forEach(p.state()::unset);
    return 0;
  }

  /**
   * {@code trap [ACTION CONDITION...]}: {@code ''} ignores the signals, {@code -} (or a number as the first operand)
   * resets them, any other action runs when one arrives; {@code EXIT} (0) runs as the shell ends. Without operands
   * lists the traps as {@code trap -- 'ACTION' NAME}.
   */
  static int trap(Proc p) throws IOException {
    List<String> args = p.operands();
    if (!args.isEmpty() && args.get(0).equals("--")) {
      args = args.subList(1, args.size());
    }
    if (args.isEmpty()) {
      StringBuilder out = new StringBuilder();
      p.state().traps().forEach((signal, action) -> out.append("trap -- '").append(action.replace("'", "'\\''"))
          .append("' ").append(signal == 0 ? "EXIT" : Signals.name(signal)).append('\n'));
      p.out(out.toString());
      return 0;
    }
    String action = args.get(0);
    List<String> conditions = args.subList(1, args.size());
    if (action.matches("\\d+")) {
      action = "-";
      conditions = args;
    }
    int status = 0;
    for (String condition : conditions) {
      int signal = condition.equalsIgnoreCase("EXIT") || condition.equals("0") ? 0 : Signals.parse(condition);
      if (signal < 0 || signal > 0 && !Signals.valid(signal)) {
        p.err("/bin/sh: trap: " + condition + ": bad trap\n");
        status = 1;
        continue;
      }
      String value = action.equals("-") ? null : action;
      p.state().trap(signal, value);
      ProcessSignals signals = p.ctx().signals();
      if (signal != 0 && signal != Signals.KILL && signal != 19 && signals != null) {
        signals.disposition(signal, value == null ? ProcessSignals.Disposition.DEFAULT
            : value.isEmpty() ? ProcessSignals.Disposition.IGNORE : ProcessSignals.Disposition.CATCH);
      }
    }
    return status;
  }

  /**
   * {@code read [-r] NAME...}: one line of stdin, split on blanks into the names (the last takes the rest). Without
   * {@code -r} a backslash escapes the next character and joins lines. Status 1 at end of file.
   */
  static int read(Proc p) throws IOException {
    List<String> names = p.operands();
    boolean raw = false;
    while (!names.isEmpty() && names.get(0).startsWith("-") && names.get(0).length() > 1) {
      if (!names.get(0).equals("-r")) {
        p.err("/bin/sh: read: Illegal option " + names.get(0) + "\n");
        return 2;
      }
      raw = true;
      names = names.subList(1, names.size());
    }
    if (names.isEmpty()) {
      p.err("/bin/sh: read: arg count\n");
      return 2;
    }
    StringBuilder line = new StringBuilder();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int b;
    boolean escaped = false;
    while ((b = p.io().in().read()) >= 0) {
      if (escaped) {
        escaped = false;
        if (b != '\n') {
          bytes.write(b);
        }
        continue;
      }
      if (b == '\\' && !raw) {
        escaped = true;
        continue;
      }
      if (b == '\n') {
        break;
      }
      bytes.write(b);
    }
    line.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    String rest = line.toString().replaceAll("^[ \t]+", "");
    for (int k = 0; k < names.size(); k++) {
      String value;
      if (k == names.size() - 1) {
        value = rest.replaceAll("[ \t]+$", "");
      } else {
        String[] split = rest.split("[ \t]+", 2);
        value = split[0];
        rest = split.length > 1 ? split[1] : "";
      }
      Interpreter.assign(p.state(), names.get(k), value);
    }
    return b < 0 ? 1 : 0;
  }
}
