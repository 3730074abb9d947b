package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ls [-a] [-A] [-l] [-1] [FILE...]}: one name per line, sorted as in {@code LC_ALL=C} (by code point);
 * several operands list files first, then each directory under a {@code DIR:} header. {@code -l} prints the GNU
 * long format with owner and group {@code root}.
 */
final class Ls {
  /** C-locale order: UTF-8 byte order, which is code point order. */
  static final Comparator<String> C_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };
  private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.US);
  private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.US);
  private static final Duration SIX_MONTHS = Duration.ofSeconds(31556952 / 2);

  private final Proc p;
  private boolean all;
  private boolean almostAll;
  private boolean longFormat;

  private Ls(Proc p) {
    this.p = p;
  }

  static int run(Proc p) throws IOException, InterruptedException {
    return new Ls(p).list();
  }

  private int list() throws IOException, InterruptedException {
    List<String> operands = new ArrayList<>();
    boolean options = true;
    for (String a : p.operands()) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'a' -> all = true;
            case 'A' -> almostAll = true;
            case 'l' -> longFormat = true;
            case '1' -> { }
            default -> {
              return p.usage("invalid option -- '" + c + "'", 2);
            }
          }
        }
      } else {
        operands.add(a);
      }
    }
    boolean header = operands.size() > 1;
    if (operands.isEmpty()) {
      operands.add(".");
    }
    int status = 0;
    List<Entry> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (String operand : operands) {
      try {
        Path path = p.fs().resolve(operand, !longFormat);
        if (!Files.exists(path, ContainerFs.NOFOLLOW)) {
          throw new java.nio.file.NoSuchFileException(operand);
        }
        if (Files.isDirectory(path, ContainerFs.NOFOLLOW)) {
          dirs.add(operand);
        } else {
          files.add(new Entry(operand, path));
        }
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        p.err("ls: cannot access " + operand + ": " + ContainerFs.reason(e) + "\n");
        status = 2;
      }
    }
    files.sort(Comparator.comparing(Entry::name, C_ORDER));
    dirs.sort(C_ORDER);
    StringBuilder out = new StringBuilder();
    print(files, out);
    boolean first = files.isEmpty();
    for (String dir : dirs) {
      Proc.checkInterrupt();
      if (!first) {
        out.append('\n');
      }
      first = false;
      if (header) {
        out.append(dir).append(":\n");
      }
      Path path = p.fs().resolve(dir);
      List<Entry> entries = new ArrayList<>();
      if (all) {
        entries.add(new Entry(".", path));
        entries.add(new Entry("..", p.fs().resolve(p.fs().absolute(dir) + "/..")));
      }
      try (Stream<Path> children = Files.list(path)) {
        children.forEach(child -> {
          String name = child.getFileName().toString();
          if (all || almostAll || !name.startsWith(".")) {
            entries.add(new Entry(name, child));
          }
        });
      }
      entries.sort(Comparator.comparing(Entry::name, C_ORDER));
      if (longFormat) {
        long blocks = 0;
        for (Entry e : entries) {
          blocks += blocks(e.path());
        }
        out.append("total ").append(blocks).append('\n');
      }
      print(entries, out);
    }
    p.out(out.toString());
    return status;
  }

  private void print(List<Entry> entries, StringBuilder out) throws IOException {
    if (!longFormat) {
      entries.forEach(e -> out.append(e.name()).append('\n'));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    int linksWidth = 0;
    int sizeWidth = 0;
    for (Entry e : entries) {
      String[] row = row(e);
      linksWidth = Math.max(linksWidth, row[1].length());
      sizeWidth = Math.max(sizeWidth, row[2].length());
      rows.add(row);
    }
    for (String[] row : rows) {
      out.append(row[0]).append(' ')
          .append(" ".repeat(linksWidth - row[1].length())).append(row[1])
          .append(" root root ")
          .append(" ".repeat(sizeWidth - row[2].length())).append(row[2]).append(' ')
          .append(row[3]).append(' ').append(row[4]).append('\n');
    }
  }

  /** mode, links, size, time, name. */
  private String[] row(Entry e) throws IOException {
    Path path = e.path();
    boolean link = Files.isSymbolicLink(path);
    boolean dir = !link && Files.isDirectory(path, ContainerFs.NOFOLLOW);
    String mode = (link ? "l" : dir ? "d" : "-") + permissions(path, link, dir);
    long size = link ? Files.readSymbolicLink(path).toString().length()
        : dir ? 4096 : Files.size(path);
    Instant time = Files.getLastModifiedTime(path, ContainerFs.NOFOLLOW).toInstant();
    Instant now = p.clock().now();
    boolean recent = time.isAfter(now.minus(SIX_MONTHS)) && !time.isAfter(now.plus(Duration.ofHours(1)));
    String when = (recent ? RECENT : OLD).format(time.atZone(p.clock().zone()));
    String name = link ? e.name() + " -> " + Files.readSymbolicLink(path) : e.name();
    return new String[] {mode, Long.toString(links(path, dir)), Long.toString(size), when, name};
  }

  private static String permissions(Path path, boolean link, boolean dir) {
    if (link) {
      return "rwxrwxrwx";
    }
    try {
      Set<PosixFilePermission> perms =
          Files.readAttributes(path, PosixFileAttributes.class, ContainerFs.NOFOLLOW).permissions();
      StringBuilder s = new StringBuilder();
      String letters = "rwxrwxrwx";
      PosixFilePermission[] order = PosixFilePermission.values();
      for (int k = 0; k < 9; k++) {
        s.append(perms.contains(order[k]) ? letters.charAt(k) : '-');
      }
      return s.toString();
    } catch (IOException | UnsupportedOperationException e) {
      return dir ? "rwxr-xr-x" : "rw-r--r--";
    }
  }

  private static long links(Path path, boolean dir) {
    try {
      Object n = Files.getAttribute(path, "unix:nlink", ContainerFs.NOFOLLOW);
      if (n instanceof Number number) {
        return number.longValue();
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
      // fall through to the usual counts
    }
    return dir ? 2 : 1;
  }

  /** 1K blocks, as if on a file system with 4K blocks. */
  private static long blocks(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      return 0;
    }
    if (Files.isDirectory(path, ContainerFs.NOFOLLOW)) {
      return 4;
    }
    return (Files.size(path) + 4095) / 4096 * 4;
  }

  private record Entry(String name, Path path) {}
}
