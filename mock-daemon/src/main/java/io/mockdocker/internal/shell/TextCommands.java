package io.mockdocker.internal.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** wc and grep over files or stdin, and the reading that the text commands share, as busybox 1.36 did. */
final class TextCommands {
  private TextCommands() {}

  /** The bytes of {@code file} ({@code -}: stdin), or null after printing {@code NAME: can't open 'FILE': WHY}. */
  static byte[] read(Proc p, String file) throws IOException, InterruptedException {
    return read(p, file, true);
  }

  /** The same; without {@code cantOpen} the message is {@code NAME: FILE: WHY}, as grep words it. */
  private static byte[] read(Proc p, String file, boolean cantOpen) throws IOException, InterruptedException {
    return read(p, file, cantOpen, TextCommands::readAll);
  }

  /** How much of a source a command takes. */
  interface Taking {
    byte[] from(InputStream in) throws IOException, InterruptedException;
  }

  /** What {@code taking} takes of {@code file} ({@code -}: stdin), or null after printing why it cannot open it. */
  static byte[] read(Proc p, String file, boolean cantOpen, Taking taking) throws IOException, InterruptedException {
    if (file.equals("-")) {
      return taking.from(p.io().in());
    }
    try (InputStream in = p.fs().openRead(file)) {
      return taking.from(in);
    } catch (BrokenPipeException e) {
      throw e;
    } catch (IOException e) {
      Commands.rethrowIfInterrupted(e);
      p.err(p.name() + (cantOpen ? ": can't open '" + file + "': " : ": " + file + ": ") + ContainerFs.reason(e)
          + "\n");
      return null;
    }
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
