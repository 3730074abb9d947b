package io.mockdocker.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** head and tail over files or stdin, with busybox 1.36's output formats, messages and statuses. */
final class HeadTail {
  private HeadTail() {}

  /** {@code -5} is {@code -n 5}: the obsolete form head and tail still take. */
  private static List<String> countShorthand(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.matches("-\\d+") ? "-n" + a.substring(1) : a);
    }
    return out;
  }

  /** {@code head [-n N] [-c N] [-qv] [FILE]...}: the first lines (10) or bytes; a header per file when several. */
  static int head(Proc p) throws IOException, InterruptedException {
    return headOrTail(p, true);
  }

  /** {@code tail [-n [+]N] [-c N] [-f] [FILE]...}: the last lines (10), or from line N with {@code +N}. */
  static int tail(Proc p) throws IOException, InterruptedException {
    return headOrTail(p, false);
  }

  private static int headOrTail(Proc p, boolean head) throws IOException, InterruptedException {
    String synopsis = head ? "head [OPTIONS] [FILE]..." : "tail [OPTIONS] [FILE]...";
    Options o = Options.parse(p, countShorthand(p.operands()), head ? "qv" : "qvfF", "nc", false, synopsis);
    if (o == null) {
      return 1;
    }
    boolean bytes = o.has('c');
    String count = o.value(bytes ? 'c' : 'n', "10");
    boolean fromStart = !head && count.startsWith("+");
    boolean allBut = head && count.startsWith("-");
    String digits = count.startsWith("+") || count.startsWith("-") ? count.substring(1) : count;
    if (!digits.matches("\\d{1,18}")) {
      p.err(p.name() + ": invalid number '" + count + "'\n");
      return 1;
    }
    long n = Long.parseLong(digits);
    List<String> files = o.operands().isEmpty() ? List.of("-") : o.operands();
    boolean headers = o.has('v') || files.size() > 1 && !o.has('q');
    int status = 0;
    boolean first = true;
    for (String file : files) {
      // head of stdin stops reading at its last line, so a writer that never ends (a loop) meets a closed pipe
      boolean streamed = head && !bytes && !allBut && file.equals("-");
      // head reads no further than it prints, so an endless source (/dev/zero, a pipe from a loop) ends
      byte[] data = streamed ? new byte[0]
          : head && !allBut ? TextCommands.read(p, file, true, in -> readFirst(in, n, bytes))
          : TextCommands.read(p, file);
      if (data == null) {
        status = 1;
        continue;
      }
      if (headers) {
        p.out((first ? "" : "\n") + "==> " + (file.equals("-") ? "standard input" : file) + " <==\n");
      }
      first = false;
      if (streamed) {
        firstLines(p, n);
        continue;
      }
      if (bytes) {
        int[] range = range(data.length, n, head, allBut, fromStart);
        p.io().out().write(data, range[0], range[1] - range[0]);
        p.io().out().flush();
      } else {
        List<String> lines = TextCommands.lines(TextCommands.text(data));
        int[] range = range(lines.size(), n, head, allBut, fromStart);
        p.out(String.join("", lines.subList(range[0], range[1])));
      }
      if (!head && (o.has('f') || o.has('F')) && files.size() == 1) {
        return follow(p, file, data.length);
      }
    }
    return status;
  }

  /**
   * The part of {@code size} units (bytes or lines) head or tail prints: the first {@code n} (all but the last with
   * {@code allBut}), the last {@code n}, or from the {@code n}th on ({@code fromStart}).
   */
  private static int[] range(int size, long n, boolean head, boolean allBut, boolean fromStart) {
    if (head) {
      return new int[] {0, allBut ? (int) Math.max(0, size - n) : (int) Math.min(size, n)};
    }
    return new int[] {fromStart ? (int) Math.min(size, Math.max(0, n - 1)) : (int) Math.max(0, size - n), size};
  }

  /** {@code tail -f}: prints what is appended to the file, checking once a second on the clock, until killed. */
  private static int follow(Proc p, String file, long offset) throws IOException, InterruptedException {
    long seen = offset;
    while (true) {
      p.clock().sleep(Duration.ofSeconds(1));
      if (file.equals("-") || p.fs().absolute(file).startsWith("/dev/")) {
        continue;
      }
      Path path;
      try {
        path = p.fs().resolve(file);
        long size = Files.size(path);
        if (size < seen) {
          p.err("tail: " + file + ": file truncated\n");
          seen = 0;
        }
        if (size > seen) {
          byte[] all = Files.readAllBytes(path);
          p.io().out().write(all, (int) seen, all.length - (int) seen);
          p.io().out().flush();
          seen = all.length;
        }
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
      }
    }
  }

  /** Copies the first {@code n} lines of stdin to stdout, each as it completes, and reads no further. */
  private static void firstLines(Proc p, long n) throws IOException, InterruptedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long seen = 0;
    int b;
    while (seen < n && (b = p.io().in().read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        Proc.checkInterrupt();
        p.io().out().write(line.toByteArray());
        p.io().out().flush();
        line.reset();
        seen++;
      }
    }
    p.io().out().write(line.toByteArray());
    p.io().out().flush();
  }

  /** The first {@code n} bytes, or lines, of {@code in}, read no further. */
  private static byte[] readFirst(InputStream in, long n, boolean bytes) throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = in.read(chunk, 0, bytes ? (int) Math.min(chunk.length, left) : chunk.length);
      if (r < 0) {
        break;
      }
      Proc.checkInterrupt();
      if (bytes) {
        out.write(chunk, 0, r);
        left -= r;
        continue;
      }
      int end = 0;
      while (end < r && left > 0) {
        if (chunk[end++] == '\n') {
          left--;
        }
      }
      out.write(chunk, 0, end);
    }
    return out.toByteArray();
  }
}
