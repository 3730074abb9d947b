package io.mockdocker.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process table {@code top} prints: the container's simulated processes formatted as procps' {@code ps} would
 * with the given arguments ({@code -ef} by default, {@code aux}, {@code -o}/{@code o} column lists), the last column
 * holding the rest of the line as the daemon joined it.
 */
final class ProcessTable {
  private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMMdd", Locale.ROOT);
  private static final Pattern PID_RENAME = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");

  /** One process with what the columns read: its CPU time and resident memory. */
  record Row(SimProcess process, Duration cpu, long rssKib, Instant now, long hostMemory) {}

  /** One column: its header and how a row prints in it. */
  private record Column(String title, Function<Row, String> value) {}

  private static final Map<String, Column> COLUMNS = new LinkedHashMap<>();

  static {
    column(new Column("UID", r -> user(r)), "uid", "euid", "ruid");
    column(new Column("USER", r -> user(r)), "user", "euser", "ruser", "uname");
    column(new Column("PID", r -> String.valueOf(r.process().pid())), "pid", "tgid");
    column(new Column("PPID", r -> String.valueOf(r.process().ppid())), "ppid");
    column(new Column("PGID", r -> String.valueOf(r.process().pid())), "pgid", "pgrp");
    column(new Column("SID", r -> String.valueOf(r.process().pid())), "sid", "sess");
    column(new Column("C", r -> String.valueOf((int) Math.min(99, percentCpu(r)))), "c");
    column(new Column("%CPU", r -> tenths(percentCpu(r))), "%cpu", "pcpu");
    column(new Column("%MEM", r -> tenths(r.rssKib() * 1024 * 100.0 / r.hostMemory())), "%mem", "pmem");
    column(new Column("VSZ", r -> String.valueOf(Math.max(r.rssKib(), 1312) + 128)), "vsz", "vsize");
    column(new Column("RSS", r -> String.valueOf(r.rssKib())), "rss", "rssize", "rsz");
    column(new Column("TTY", r -> r.process().tty() ? "pts/0" : "?"), "tname");
    column(new Column("TT", r -> r.process().tty() ? "pts/0" : "?"), "tty", "tt");
    column(new Column("STAT", r -> r.process().tty() ? "Ss+" : "Ss"), "stat");
    column(new Column("S", r -> "S"), "s", "state");
    column(new Column("STIME", r -> startTime(r)), "stime");
    column(new Column("START", r -> startTime(r)), "start_time");
    column(new Column("STARTED", r -> DateTimeFormatter.ofPattern("HH:mm:ss")
        .format(r.process().started().atOffset(ZoneOffset.UTC))), "start");
    column(new Column("ELAPSED", r -> elapsed(Duration.between(r.process().started(), r.now()))), "etime");
    column(new Column("ELAPSED", r -> String.valueOf(Duration.between(r.process().started(), r.now())
        .getSeconds())), "etimes");
    column(new Column("TIME", r -> clock(r.cpu())), "time", "cputime");
    column(new Column("COMMAND", r -> comm(r)), "comm", "ucmd", "ucomm");
    column(new Column("COMMAND", r -> String.join(" ", r.process().argv())), "args", "command");
    column(new Column("CMD", r -> String.join(" ", r.process().argv())), "cmd");
  }

  private static final List<String> FULL = List.of("uid", "pid", "ppid", "c", "stime", "tname", "time", "cmd");
  private static final List<String> SHORT = List.of("pid", "tname", "time", "cmd");
  private static final List<String> BSD_USER = List.of("user", "pid", "%cpu", "%mem", "vsz", "rss", "tname", "stat",
      "start_time", "bsdtime", "args");
  private static final List<String> BSD = List.of("pid", "tname", "stat", "bsdtime", "args");

  static {
    column(new Column("TIME", r -> bsdTime(r.cpu())), "bsdtime");
  }

  private ProcessTable() {}

  private static void column(Column c, String... names) {
    for (String name : names) {
      COLUMNS.put(name, c);
    }
  }

  /**
   * The titles and rows for {@code psArgs} ({@code ""} is {@code -ef}): the daemon's refusal of a {@code x=PID}
   * rename, and ps's complaint (as the daemon's 500) for a column it does not know.
   */
  static ContainerControl.Top format(String psArgs, List<Row> rows) {
    validate(psArgs);
    String args = psArgs.isEmpty() ? "-ef" : psArgs;
    List<String> names = columns(args);
    List<Column> columns = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (String name : names) {
      String key = name;
      String title = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        key = name.substring(0, eq);
        title = name.substring(eq + 1);
      }
      Column c = COLUMNS.get(key.toLowerCase(Locale.ROOT));
      if (c == null) {
        throw new DockerException("ps: error: unknown user-defined format specifier \"" + key + "\"");
      }
      columns.add(c);
      if (title == null) {
        titles.add(c.title());
      } else if (!title.isBlank()) {
        titles.addAll(List.of(title.trim().split("\\s+")));
      }
    }
    if (!titles.contains("PID")) {
      throw new DockerException("Couldn't find PID field in ps output");
    }
    List<List<String>> out = new ArrayList<>();
    for (Row row : rows) {
      List<String> fields = new ArrayList<>();
      for (Column c : columns) {
        fields.addAll(List.of(c.value().apply(row).split(" ")));
      }
      // the daemon splits ps's line on blanks and joins what is past the last title back together
      List<String> joined = new ArrayList<>(fields.subList(0, Math.min(titles.size() - 1, fields.size())));
      if (fields.size() >= titles.size()) {
        joined.add(String.join(" ", fields.subList(titles.size() - 1, fields.size())));
      }
      out.add(List.copyOf(joined));
    }
    return new ContainerControl.Top(List.copyOf(titles), List.copyOf(out));
  }

  /** The daemon's one check of the arguments: a column other than {@code pid} may not be retitled {@code PID…}. */
  static void validate(String psArgs) {
    Matcher m = PID_RENAME.matcher(psArgs);
    while (m.find()) {
      if (!m.group(1).equals("pid")) {
        throw new DockerException("specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
      }
    }
  }

  /** The column names {@code args} asks for: {@code -o}/{@code o}/{@code --format} lists, else by the flags. */
  private static List<String> columns(String args) {
    String[] words = args.trim().split(" +");
    List<String> listed = new ArrayList<>();
    boolean bsd = false;
    boolean full = false;
    boolean user = false;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      String list = null;
      if (w.equals("-o") || w.equals("o") || w.equals("--format") || w.matches("-?[eAaxf]*o")) {
        list = i + 1 < words.length ? words[++i] : "";
      } else if (w.startsWith("--format=")) {
        list = w.substring("--format=".length());
      } else if (w.matches("-[a-zA-Z]*o.+")) {
        list = w.substring(w.indexOf('o') + 1);
      }
      if (list != null) {
        for (String name : list.split(",")) {
          if (!name.isEmpty()) {
            listed.add(name);
          }
        }
        continue;
      }
      if (w.startsWith("-")) {
        full |= w.contains("f");
      } else {
        bsd = true;
        user |= w.contains("u");
      }
    }
    if (!listed.isEmpty()) {
      return listed;
    }
    if (bsd) {
      return user ? BSD_USER : BSD;
    }
    return full ? FULL : SHORT;
  }

  private static String user(Row r) {
    String u = r.process().user();
    int colon = u.indexOf(':');
    u = colon < 0 ? u : u.substring(0, colon);
    return u.isEmpty() || u.equals("0") ? "root" : u;
  }

  private static double percentCpu(Row r) {
    long life = Duration.between(r.process().started(), r.now()).toMillis();
    return life <= 0 ? 0 : Math.min(999.9, r.cpu().toMillis() * 100.0 / life);
  }

  /** ps's start time: {@code HH:mm} within a day, {@code MmmDD} within the year, else the year. */
  private static String startTime(Row r) {
    var started = r.process().started().atOffset(ZoneOffset.UTC);
    var now = r.now().atOffset(ZoneOffset.UTC);
    if (Duration.between(started, now).toHours() < 24) {
      return HHMM.format(started);
    }
    return started.getYear() == now.getYear() ? MONTH_DAY.format(started) : String.valueOf(started.getYear());
  }

  /** ps's one decimal, truncated as its per-mille arithmetic did. */
  private static String tenths(double percent) {
    long t = (long) Math.floor(percent * 10 + 1e-9);
    return t / 10 + "." + t % 10;
  }

  private static String comm(Row r) {
    String first = r.process().argv().get(0);
    String base = first.substring(first.lastIndexOf('/') + 1);
    return base.length() > 15 ? base.substring(0, 15) : base;
  }

  /** {@code [[dd-]hh:]mm:ss}. */
  private static String elapsed(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86400;
    long hours = s / 3600 % 24;
    String tail = String.format(Locale.ROOT, "%02d:%02d", s / 60 % 60, s % 60);
    if (days > 0) {
      return String.format(Locale.ROOT, "%d-%02d:%s", days, hours, tail);
    }
    return hours > 0 ? String.format(Locale.ROOT, "%02d:%s", hours, tail) : tail;
  }

  /** {@code [dd-]hh:mm:ss}, the CPU time of {@code -ef}. */
  private static String clock(Duration d) {
    long s = d.getSeconds();
    String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
    return s >= 86400 ? s / 86400 + "-" + hms : hms;
  }

  /** {@code m:ss}, the CPU time of BSD formats. */
  private static String bsdTime(Duration d) {
    long s = d.getSeconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
