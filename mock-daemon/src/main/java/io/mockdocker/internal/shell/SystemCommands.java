package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * id, whoami, uname, ps and nc as busybox 1.36 prints them, answered from the container: its {@code User} and its
 * {@code /etc/passwd} and {@code /etc/group}, its hostname, its process table and its ports.
 */
final class SystemCommands {
  /** The kernel release the simulated host runs (what {@code GET /info} reports as {@code KernelVersion}). */
  static final String KERNEL = "6.8.0-mock";
  private static final String KERNEL_VERSION = "#1 SMP PREEMPT_DYNAMIC Fri May 30 12:00:00 UTC 2025";
  /** Busybox's own files, used where the container has none. */
  private static final String PASSWD = """
      root:x:0:0:root:/root:/bin/sh
      daemon:x:1:1:daemon:/usr/sbin:/bin/false
      bin:x:2:2:bin:/bin:/bin/false
      sys:x:3:3:sys:/dev:/bin/false
      sync:x:4:100:sync:/bin:/bin/sync
      mail:x:8:8:mail:/var/spool/mail:/bin/false
      www-data:x:33:33:www-data:/var/www:/bin/false
      operator:x:37:37:Operator:/var:/bin/false
      nobody:x:65534:65534:nobody:/home:/bin/false
      """;
  private static final String GROUP = """
      root:x:0:
      daemon:x:1:
      bin:x:2:
      sys:x:3:
      adm:x:4:
      tty:x:5:
      disk:x:6:
      lp:x:7:
      mail:x:8:
      kmem:x:9:
      wheel:x:10:root
      cdrom:x:11:
      dialout:x:18:
      floppy:x:19:
      video:x:28:
      audio:x:29:
      tape:x:32:
      www-data:x:33:
      operator:x:37:
      utmp:x:43:
      plugdev:x:46:
      staff:x:50:
      lock:x:54:
      netdev:x:82:
      users:x:100:
      nogroup:x:65534:
      """;

  private SystemCommands() {}

  /** The process's identity: uid and primary gid, their names (null when unknown) and the supplementary gids. */
  record Identity(int uid, String user, int gid, List<Integer> groups) {}

  /** The identity {@code User} gives, resolved in the container's {@code /etc/passwd} and {@code /etc/group}. */
  static Identity identity(Proc p) {
    return identity(p, p.ctx().view().user());
  }

  /** The identity a {@code User} value ({@code name}, {@code uid}, with {@code :group} or not) gives. */
  private static Identity identity(Proc p, String spec) {
    String userPart = spec == null || spec.isEmpty() ? "0" : spec;
    String groupPart = null;
    int colon = userPart.indexOf(':');
    if (colon >= 0) {
      groupPart = userPart.substring(colon + 1);
      userPart = userPart.substring(0, colon);
    }
    List<String[]> passwd = table(p, "/etc/passwd", PASSWD);
    String[] entry = null;
    for (String[] e : passwd) {
      if (e.length > 3 && (e[0].equals(userPart) || e[2].equals(userPart))) {
        entry = e;
        break;
      }
    }
    int uid = entry != null ? number(entry[2], 0) : number(userPart, 0);
    String name = entry == null ? null : entry[0];
    int gid = entry != null ? number(entry[3], 0) : 0;
    List<String[]> groups = table(p, "/etc/group", GROUP);
    if (groupPart != null && !groupPart.isEmpty()) {
      gid = number(groupPart, -1);
      for (String[] g : groups) {
        if (g.length > 2 && g[0].equals(groupPart)) {
          gid = number(g[2], 0);
        }
      }
      gid = Math.max(gid, 0);
    }
    Set<Integer> all = new LinkedHashSet<>();
    all.add(gid);
    if (name != null) {
      for (String[] g : groups) {
        if (g.length > 3 && List.of(g[3].split(",")).contains(name)) {
          all.add(number(g[2], 0));
        }
      }
    }
    return new Identity(uid, name, gid, List.copyOf(all));
  }

  /** The name of {@code gid} in the container's {@code /etc/group}, or null. */
  private static String groupName(Proc p, int gid) {
    for (String[] g : table(p, "/etc/group", GROUP)) {
      if (g.length > 2 && g[2].equals(Integer.toString(gid))) {
        return g[0];
      }
    }
    return null;
  }

  /** The name of {@code uid} in the container's {@code /etc/passwd}, or null. */
  static String userName(Proc p, String uidOrName) {
    for (String[] e : table(p, "/etc/passwd", PASSWD)) {
      if (e.length > 2 && (e[2].equals(uidOrName) || e[0].equals(uidOrName))) {
        return e[0];
      }
    }
    return null;
  }

  /**
   * The rows of the container's {@code file}, then busybox's own rows (the accounts the busybox image has), so that a
   * name the container's copy lacks still resolves as it would in busybox.
   */
  private static List<String[]> table(Proc p, String file, String fallback) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = p.fs().openRead(file)) {
      rows(new String(in.readAllBytes(), StandardCharsets.UTF_8), rows);
    } catch (IOException e) {
      // no such file in this container: busybox's rows alone
    }
    rows(fallback, rows);
    return rows;
  }

  private static void rows(String text, List<String[]> into) {
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        into.add(line.split(":", -1));
      }
    }
  }

  private static int number(String s, int fallback) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** {@code id [-u|-g|-G] [-n] [-r]}: {@code uid=0(root) gid=0(root) groups=0(root),10(wheel)}. */
  static int id(Proc p) throws IOException {
    Options o = Options.parse(p, p.operands(), "ugGnrZ", "", false, "id [-ugGnr] [USER]");
    if (o == null) {
      return 1;
    }
    if (o.operands().size() > 1) {
      return Options.usage(p, null, "id [-ugGnr] [USER]");
    }
    if (!o.operands().isEmpty() && userName(p, o.operands().get(0)) == null) {
      p.err("id: unknown user " + o.operands().get(0) + "\n");
      return 1;
    }
    Identity me = o.operands().isEmpty() ? identity(p) : identity(p, o.operands().get(0));
    boolean names = o.has('n');
    int picked = (o.has('u') ? 1 : 0) + (o.has('g') ? 1 : 0) + (o.has('G') ? 1 : 0);
    if (picked > 1) {
      return Options.usage(p, null, "id [-ugGnr] [USER]");
    }
    if (names && picked == 0) {
      return Options.usage(p, null, "id [-ugGnr] [USER]");
    }
    int status = 0;
    if (o.has('u') || o.has('g') || o.has('G')) {
      List<Integer> ids = o.has('u') ? List.of(me.uid()) : o.has('g') ? List.of(me.gid()) : me.groups();
      List<String> shown = new ArrayList<>();
      StringBuilder errors = new StringBuilder();
      for (int id : ids) {
        String name = o.has('u') ? me.user() : groupName(p, id);
        if (names && name == null) {
          errors.append("id: unknown ID ").append(id).append('\n');
          status = 1;
        }
        shown.add(names && name != null ? name : Integer.toString(id));
      }
      p.out(String.join(" ", shown) + "\n");
      if (errors.length() > 0) {
        p.err(errors.toString());
      }
      return status;
    }
    StringBuilder out = new StringBuilder("uid=").append(me.uid()).append(named(me.user()));
    out.append(" gid=").append(me.gid()).append(named(groupName(p, me.gid())));
    out.append(" groups=");
    for (int k = 0; k < me.groups().size(); k++) {
      int gid = me.groups().get(k);
      out.append(k == 0 ? "" : ",").append(gid).append(named(groupName(p, gid)));
    }
    p.out(out.append('\n').toString());
    return 0;
  }

  private static String named(String name) {
    return name == null ? "" : "(" + name + ")";
  }

  /** {@code whoami}: the user's name, or {@code whoami: unknown uid 1000} with status 1. */
  static int whoami(Proc p) throws IOException {
    if (!p.operands().isEmpty()) {
      return Options.usage(p, null, "whoami");
    }
    Identity me = identity(p);
    if (me.user() == null) {
      p.err("whoami: unknown uid " + me.uid() + "\n");
      return 1;
    }
    p.out(me.user() + "\n");
    return 0;
  }

  /** {@code uname [-asnrvmpio]}: the simulated host's kernel with the container's hostname. */
  static int uname(Proc p) throws IOException {
    Options o = Options.parse(p, p.operands(), "asnrvmpio", "", false, "uname [-snrvmoa]");
    if (o == null) {
      return 1;
    }
    if (!o.operands().isEmpty()) {
      return Options.usage(p, null, "uname [-snrvmoa]");
    }
    boolean all = o.has('a');
    List<String> fields = new ArrayList<>();
    String[][] table = {
        {"s", "Linux"}, {"n", p.ctx().hostname()}, {"r", KERNEL}, {"v", KERNEL_VERSION}, {"m", "x86_64"},
        {"p", "unknown"}, {"i", "unknown"}, {"o", "GNU/Linux"}};
    for (String[] f : table) {
      char c = f[0].charAt(0);
      boolean inAll = all && c != 'p' && c != 'i';
      if (inAll || o.has(c)) {
        fields.add(f[1]);
      }
    }
    if (fields.isEmpty()) {
      fields.add("Linux");
    }
    p.out(String.join(" ", fields) + "\n");
    return 0;
  }

  /** {@code ps [-o ...]}: {@code PID   USER     TIME  COMMAND}, one row per process of the container. */
  static int ps(Proc p) throws IOException {
    Options o = Options.parse(p, p.operands(), "efalwxAT", "o", false, "ps [-o COL1,COL2=HEADER] [-T]");
    if (o == null) {
      return 1;
    }
    for (String a : o.operands()) {
      if (!a.chars().allMatch(c -> "auxwef".indexOf(c) >= 0)) {
        return Options.usage(p, null, "ps [-o COL1,COL2=HEADER] [-T]");
      }
    }
    List<ContainerView.Process> rows = new ArrayList<>(p.ctx().view().processes());
    boolean self = rows.stream().anyMatch(r -> r.argv().equals(p.args()));
    if (!self) {
      int pid = rows.stream().mapToInt(ContainerView.Process::pid).max().orElse(0) + 1;
      rows.add(new ContainerView.Process(pid, p.ctx().view().user(), p.args()));
    }
    List<String[]> columns = new ArrayList<>();
    for (String list : o.values('o').isEmpty() ? List.of("pid,user,time,args") : o.values('o')) {
      for (String spec : list.split(",")) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        String header = switch (name) {
          case "pid" -> "PID";
          case "user" -> "USER";
          case "time" -> "TIME";
          case "comm", "args" -> "COMMAND";
          default -> null;
        };
        if (header == null) {
          p.err("ps: bad -o argument '" + name + "', supported arguments: user,pid,time,comm,args\n");
          return 1;
        }
        columns.add(new String[] {name, eq < 0 ? header : spec.substring(eq + 1)});
      }
    }
    StringBuilder out = new StringBuilder();
    List<String> titles = new ArrayList<>();
    for (String[] c : columns) {
      titles.add(c[0].equals("pid") ? String.format("%-5s", c[1]) : c[0].equals("user") ? String.format("%-8s", c[1])
          : c[0].equals("time") ? String.format("%-5s", c[1]) : c[1]);
    }
    out.append(String.join(" ", titles).stripTrailing()).append('\n');
    for (ContainerView.Process r : rows) {
      String uid = r.user() == null || r.user().isEmpty() ? "0" : r.user().split(":")[0];
      String name = userName(p, uid);
      List<String> cells = new ArrayList<>();
      for (String[] c : columns) {
        cells.add(switch (c[0]) {
          case "pid" -> String.format("%5d", r.pid());
          case "user" -> String.format("%-8.8s", name == null ? uid : name);
          case "time" -> String.format("%5s", "0:00");
          case "comm" -> Proc.basename(r.argv().get(0));
          default -> String.join(" ", r.argv());
        });
      }
      out.append(String.join(" ", cells).stripTrailing()).append('\n');
    }
    p.out(out.toString());
    return 0;
  }

  /**
   * {@code nc -z [-v] [-w SEC] HOST PORT...}: whether the ports answer, from the container's own ports and the
   * host ports the daemon publishes; only the port check ({@code -z}) is simulated.
   */
  static int nc(Proc p) throws IOException {
    String synopsis = "nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen";
    Options o = Options.parse(p, p.operands(), "zvnlut", "wpsiqe", false, synopsis);
    if (o == null) {
      return 1;
    }
    if (o.operands().size() < 2) {
      return Options.usage(p, null, synopsis);
    }
    if (!o.has('z') || o.has('l') || o.has('u')) {
      p.err("nc: only the port check (nc -z HOST PORT) is simulated\n");
      return 1;
    }
    String host = o.operands().get(0);
    int status = 0;
    for (String port : o.operands().subList(1, o.operands().size())) {
      int number = number(port, -1);
      if (number < 1 || number > 65535) {
        p.err("nc: bad port '" + port + "'\n");
        return 1;
      }
      Boolean open = p.ctx().view().connects(host, number);
      if (open == null) {
        p.err("nc: bad address '" + host + "'\n");
        return 1;
      }
      if (open) {
        if (o.has('v')) {
          p.err(host + " (" + host + ":" + number + ") open\n");
        }
      } else {
        if (o.has('v')) {
          p.err("nc: " + host + " (" + host + ":" + number + "): Connection refused\n");
        }
        status = 1;
      }
    }
    return status;
  }
}
