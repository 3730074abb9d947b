package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code sed [-nErs] [-i] [-e SCRIPT]... [SCRIPT] [FILE]...}: the stream editor's common part. Commands {@code s}
 * (flags {@code g}, {@code p}, {@code N}, {@code I}), {@code p}, {@code d}, {@code q}, {@code =}; addresses by line
 * number, {@code $} and {@code /RE/}, ranges {@code A,B} and {@code !}; {@code -i} edits files in place (respecting
 * read-only mounts; {@code -iSUFFIX} keeps the original as FILE + SUFFIX). Anything else is refused with busybox's
 * message, never ignored.
 *
 * <p>This class is the command and the runner (options, files, the pattern space line by line); the script's parser
 * is {@link SedScript}.
 */
final class Sed {
  private static final String SYNOPSIS = "sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n"
      + "or: sed [-i[SFX]] [-nrE] CMD [FILE]...";

  private Sed() {}

  static int run(Proc p) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    boolean inPlace = false;
    String backup = "";
    for (String a : p.operands()) {
      if (a.startsWith("-i")) {
        inPlace = true;
        backup = a.substring(2);
      } else if (a.equals("--in-place")) {
        inPlace = true;
      } else {
        args.add(a);
      }
    }
    Options o = Options.parse(p, args, "nrEsu", "ef", false, SYNOPSIS);
    if (o == null) {
      return 1;
    }
    List<String> operands = new ArrayList<>(o.operands());
    StringBuilder script = new StringBuilder();
    for (String e : o.values('e')) {
      script.append(e).append('\n');
    }
    for (String f : o.values('f')) {
      byte[] data = TextCommands.read(p, f);
      if (data == null) {
        return 1;
      }
      script.append(TextCommands.text(data)).append('\n');
    }
    if (!o.has('e') && !o.has('f')) {
      if (operands.isEmpty()) {
        return Options.usage(p, null, SYNOPSIS);
      }
      script.append(operands.remove(0));
    }
    List<SedScript.Cmd> commands;
    try {
      commands = SedScript.parse(script.toString(), o.has('r') || o.has('E'));
    } catch (SedScript.Bad e) {
      p.err("sed: " + e.getMessage() + "\n");
      return 1;
    }
    boolean quiet = o.has('n');
    if (inPlace) {
      if (operands.isEmpty()) {
        p.err("sed: no file specified\n");
        return 1;
      }
      int status = 0;
      for (String file : operands) {
        byte[] data = TextCommands.read(p, file);
        if (data == null) {
          status = 1;
          continue;
        }
        commands.forEach(c -> c.active = false);
        StringBuilder out = new StringBuilder();
        Integer exit = edit(TextCommands.lines(TextCommands.text(data)), commands, quiet, out, new long[1]);
        try {
          if (!backup.isEmpty()) {
            try (OutputStream w = p.fs().openWrite(file + backup, false, p.clock().now())) {
              w.write(data);
            }
          }
          try (OutputStream w = p.fs().openWrite(file, false, p.clock().now())) {
            w.write(out.toString().getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          Commands.rethrowIfInterrupted(e);
          p.err("sed: can't create '" + file + "': " + ContainerFs.reason(e) + "\n");
          status = 1;
        }
        if (exit != null) {
          return exit;
        }
      }
      return status;
    }
    List<String> lines = new ArrayList<>();
    int status = 0;
    for (String file : operands.isEmpty() ? List.of("-") : operands) {
      byte[] data = TextCommands.read(p, file);
      if (data == null) {
        status = 2;
        continue;
      }
      List<String> some = TextCommands.lines(TextCommands.text(data));
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
      }
      lines.addAll(some);
    }
    StringBuilder out = new StringBuilder();
    Integer exit = edit(lines, commands, quiet, out, new long[1]);
    p.out(out.toString());
    return exit != null ? exit : status;
  }

  /** Runs the script over {@code lines}; returns the status of a {@code q}, or null when the input ran out. */
  private static Integer edit(List<String> lines, List<SedScript.Cmd> commands, boolean quiet, StringBuilder out,
      long[] number) {
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      boolean newline = line.endsWith("\n");
      String space = newline ? line.substring(0, line.length() - 1) : line;
      String end = newline ? "\n" : "";
      number[0]++;
      boolean isLast = k == lines.size() - 1;
      boolean deleted = false;
      Integer quit = null;
      for (SedScript.Cmd c : commands) {
        if (!c.selects(number[0], isLast, space)) {
          continue;
        }
        switch (c.name) {
          case 'p' -> out.append(space).append('\n');
          case 'd' -> deleted = true;
          case '=' -> out.append(number[0]).append('\n');
          case 'q' -> quit = c.exitCode;
          case 's' -> {
            String replaced = substitute(c, space);
            if (replaced != null) {
              space = replaced;
              if (c.print) {
                out.append(space).append('\n');
              }
            }
          }
          default -> throw new IllegalStateException(String.valueOf(c.name));
        }
        if (deleted || quit != null) {
          break;
        }
      }
      if (!deleted && !quiet) {
        out.append(space).append(end);
      }
      if (quit != null) {
        return quit;
      }
    }
    return null;
  }

  /** The pattern space after {@code s}, or null when nothing matched. */
  private static String substitute(SedScript.Cmd c, String space) {
    Matcher m = c.regex.matcher(space);
    StringBuilder out = new StringBuilder();
    int at = 0;
    int count = 0;
    int pos = 0;
    int previousEnd = -1;
    boolean any = false;
    while (pos <= space.length() && m.find(pos)) {
      boolean empty = m.start() == m.end();
      if (empty && m.start() == previousEnd) {
        pos = m.end() + 1;
        continue;
      }
      count++;
      if (count >= c.occurrence) {
        out.append(space, at, m.start()).append(expand(c.replacement, m));
        at = m.end();
        any = true;
        if (!c.global) {
          break;
        }
      }
      previousEnd = m.end();
      pos = empty ? m.end() + 1 : m.end();
    }
    if (!any) {
      return null;
    }
    return out.append(space.substring(at)).toString();
  }

  private static String expand(String replacement, Matcher m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '&') {
        out.append(m.group());
      } else if (c == '\\' && i + 1 < replacement.length()) {
        char d = replacement.charAt(++i);
        if (d >= '1' && d <= '9') {
          int g = d - '0';
          out.append(g <= m.groupCount() && m.group(g) != null ? m.group(g) : "");
        } else if (d == 'n') {
          out.append('\n');
        } else if (d == 't') {
          out.append('\t');
        } else {
          out.append(d);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
