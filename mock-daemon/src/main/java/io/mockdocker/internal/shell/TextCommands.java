package io.mockdocker.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** head, tail, wc and grep over files or stdin, with busybox 1.36's output formats, messages and statuses. */
final class TextCommands {
  private TextCommands() {}

  /** The bytes of {@code file} ({@code -}: stdin), or null after printing {@code NAME: can't open 'FILE': WHY}. */
  static byte[] read(Proc p, String file) throws IOException, InterruptedException {
    return read(p, file, true);
  }

  /** The same; without {@code cantOpen} the message is {@code NAME: FILE: WHY}, as grep words it. */
  private static byte[] read(Proc p, String file, boolean cantOpen) throws IOException, InterruptedException {
    if (file.equals("-")) {
      return readAll(p.io().in());
    }
    try (InputStream in = p.fs().openRead(file)) {
      return readAll(in);
    } catch (BrokenPipeException e) {
      throw e;
    } catch (IOException e) {
      Commands.rethrowIfInterrupted(e);
      p.err(p.name() + (cantOpen ? ": can't open '" + file + "': " : ": " + file + ": ") + ContainerFs.reason(e)
          + "\n");
      return null;
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

  /** The first {@code n} bytes, or lines, of a file or stdin, read no further; null as {@link #read} gives it. */
  private static byte[] readFirst(Proc p, String file, long n, boolean bytes)
      throws IOException, InterruptedException {
    if (file.equals("-")) {
      return readFirst(p.io().in(), n, bytes);
    }
    try (InputStream in = p.fs().openRead(file)) {
      return readFirst(in, n, bytes);
    } catch (BrokenPipeException e) {
      throw e;
    } catch (IOException e) {
      Commands.rethrowIfInterrupted(e);
      p.err(p.name() + ": can't open '" + file + "': " + ContainerFs.reason(e) + "\n");
      return null;
    }
  }

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

  private static byte[] readAll(InputStream in) throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) >= 0; ) {
      Proc.checkInterrupt();
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** The lines of {@code text}, each with its newline (the last may lack one). */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

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
      byte[] data = streamed ? new byte[0] : head && !allBut ? readFirst(p, file, n, bytes) : read(p, file);
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
        List<String> lines = lines(text(data));
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

  /** {@code wc [-clwmL] [FILE]...}: lines, words and bytes; one count alone is printed without padding. */
  static int wc(Proc p) throws IOException, InterruptedException {
    Options o = Options.parse(p, p.operands(), "clwmL", "", false, "wc [-cmlwL] [FILE]...");
    if (o == null) {
      return 1;
    }
    String order = "lwcmL";
    StringBuilder picked = new StringBuilder();
    for (char c : order.toCharArray()) {
      if (o.has(c)) {
        picked.append(c);
      }
    }
    if (picked.length() == 0) {
      picked.append("lwc");
    }
    List<String> files = o.operands().isEmpty() ? List.of("-") : o.operands();
    long[] total = new long[order.length()];
    int status = 0;
    StringBuilder out = new StringBuilder();
    for (String file : files) {
      byte[] data = read(p, file);
      if (data == null) {
        status = 1;
        continue;
      }
      String text = text(data);
      long[] counts = new long[order.length()];
      counts[0] = text.chars().filter(c -> c == '\n').count();
      counts[1] = text.isBlank() ? 0 : text.strip().split("\\s+").length;
      counts[2] = data.length;
      counts[3] = text.codePointCount(0, text.length());
      for (String line : text.split("\n")) {
        counts[4] = Math.max(counts[4], line.length());
      }
      for (int k = 0; k < counts.length; k++) {
        total[k] = k == 4 ? Math.max(total[k], counts[k]) : total[k] + counts[k];
      }
      row(out, picked.toString(), order, counts, file.equals("-") && o.operands().isEmpty() ? null : file);
    }
    if (files.size() > 1) {
      row(out, picked.toString(), order, total, "total");
    }
    p.out(out.toString());
    return status;
  }

  private static void row(StringBuilder out, String picked, String order, long[] counts, String name) {
    boolean single = picked.length() == 1;
    for (int k = 0; k < picked.length(); k++) {
      long value = counts[order.indexOf(picked.charAt(k))];
      out.append(single ? Long.toString(value) : (k == 0 ? "" : " ") + String.format("%9d", value));
    }
    if (name != null) {
      out.append(' ').append(name);
    }
    out.append('\n');
  }

  /**
   * {@code grep [-HhinvcqlLoswxFEr] [-e PATTERN]... [-f FILE] PATTERN [FILE]...}: basic regular expressions unless
   * {@code -E} or {@code -F}; status 0 when a line matched, 1 when none did, 2 on an error.
   */
  static int grep(Proc p) throws IOException, InterruptedException {
    String synopsis = "grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...";
    Options o = Options.parse(p, p.operands(), "HhnlLoqvsrRiwFExc", "emf", false, synopsis);
    if (o == null) {
      return 2;
    }
    List<String> patterns = new ArrayList<>(o.values('e'));
    List<String> operands = new ArrayList<>(o.operands());
    for (String f : o.values('f')) {
      byte[] data = read(p, f);
      if (data == null) {
        return 2;
      }
      for (String line : lines(text(data))) {
        patterns.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
      }
    }
    if (patterns.isEmpty()) {
      if (operands.isEmpty()) {
        return Options.usage(p, null, synopsis) + 1;
      }
      patterns.add(operands.remove(0));
    }
    List<Pattern> compiled = new ArrayList<>();
    for (String pattern : patterns) {
      for (String one : pattern.split("\n", -1)) {
        String regex = o.has('F') ? Pattern.quote(one) : Regex.toJava(one, o.has('E'));
        if (o.has('w')) {
          regex = "(?<![\\w])(?:" + regex + ")(?![\\w])";
        }
        if (o.has('x')) {
          regex = "^(?:" + regex + ")$";
        }
        try {
          compiled.add(Pattern.compile(regex, o.has('i') ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        } catch (java.util.regex.PatternSyntaxException e) {
          p.err("grep: bad regex '" + one + "'\n");
          return 2;
        }
      }
    }
    boolean recursive = o.has('r') || o.has('R');
    List<String> files = new ArrayList<>();
    if (operands.isEmpty()) {
      files.add(recursive ? "." : "-");
    }
    boolean error = false;
    for (String f : operands) {
      if (recursive) {
        error |= !Find.walk(p, f, files);
      } else {
        files.add(f);
      }
    }
    boolean names = o.has('H') || (!o.has('h') && (files.size() > 1 || recursive));
    String limit = o.value('m', "");
    if (o.has('m') && !limit.matches("\\d{1,18}")) {
      p.err("grep: invalid number '" + limit + "'\n");
      return 2;
    }
    long max = o.has('m') ? Long.parseLong(limit) : Long.MAX_VALUE;
    boolean any = false;
    for (String file : files) {
      byte[] data;
      if (recursive && !file.equals("-") && Files.isDirectory(p.fs().resolve(file))) {
        continue;
      }
      if (o.has('s') && !file.equals("-")) {
        try (InputStream in = p.fs().openRead(file)) {
          data = readAll(in);
        } catch (IOException e) {
          Commands.rethrowIfInterrupted(e);
          error = true;
          continue;
        }
      } else {
        data = read(p, file, false);
      }
      if (data == null) {
        error = true;
        continue;
      }
      String shown = file.equals("-") ? "(standard input)" : file;
      long matched = 0;
      int number = 0;
      StringBuilder out = new StringBuilder();
      for (String line : lines(text(data))) {
        number++;
        if (matched >= max) {
          break;
        }
        String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        boolean hit = compiled.stream().anyMatch(c -> c.matcher(body).find());
        if (hit == o.has('v')) {
          continue;
        }
        matched++;
        if (o.has('q') || o.has('l') || o.has('L') || o.has('c')) {
          continue;
        }
        String prefix = (names ? shown + ":" : "") + (o.has('n') ? number + ":" : "");
        if (o.has('o') && !o.has('v')) {
          for (Pattern c : compiled) {
            java.util.regex.Matcher m = c.matcher(body);
            while (m.find()) {
              if (!m.group().isEmpty()) {
                out.append(prefix).append(m.group()).append('\n');
              }
            }
          }
        } else {
          out.append(prefix).append(body).append('\n');
        }
      }
      any |= matched > 0;
      if (o.has('q') && any) {
        return 0;
      }
      if (o.has('c')) {
        out.append(names ? shown + ":" : "").append(matched).append('\n');
      } else if (o.has('l') && matched > 0 || o.has('L') && matched == 0) {
        out.append(shown).append('\n');
      }
      p.out(out.toString());
    }
    return error && !(o.has('q') && any) ? 2 : any ? 0 : 1;
  }
}
