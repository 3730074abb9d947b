package io.mockdocker.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code find [PATH]... [-maxdepth N] [-mindepth N] [-name PAT] [-iname PAT] [-path PAT] [-type f|d|l] [-print]}:
 * the tests are and-ed, {@code !}/{@code -not} negates the next one; entries in name order (busybox prints them in
 * directory order, which a test cannot rely on either).
 */
final class Find {
  private Find() {}

  /** One test on a visited path. */
  private interface Test {
    boolean matches(String shown, Path file) throws IOException;
  }

  static int run(Proc p) throws IOException, InterruptedException {
    List<String> args = p.operands();
    List<String> roots = new ArrayList<>();
    int k = 0;
    while (k < args.size() && !args.get(k).startsWith("-") && !args.get(k).equals("!")) {
      roots.add(args.get(k++));
    }
    if (roots.isEmpty()) {
      roots.add(".");
    }
    int maxDepth = Integer.MAX_VALUE;
    int minDepth = 0;
    List<Test> tests = new ArrayList<>();
    boolean negate = false;
    for (; k < args.size(); k++) {
      String a = args.get(k);
      if (a.equals("!") || a.equals("-not")) {
        negate = !negate;
        continue;
      }
      if (a.equals("-print") || a.equals("-a") || a.equals("-and")) {
        continue;
      }
      if (k + 1 >= args.size()) {
        if (a.matches("-(name|iname|path|type|maxdepth|mindepth)")) {
          p.err("find: " + a + " requires an argument\n");
        } else {
          p.err("find: unrecognized: " + a + "\n" + Options.BANNER + "\n\nUsage: find [-HL] [PATH]... [OPTIONS]"
              + " [ACTIONS]\n");
        }
        return 1;
      }
      String v = args.get(++k);
      Test test;
      switch (a) {
        case "-name" -> {
          Pattern glob = glob(v, false);
          test = (shown, file) -> glob.matcher(Proc.basename(shown)).matches();
        }
        case "-iname" -> {
          Pattern glob = glob(v, true);
          test = (shown, file) -> glob.matcher(Proc.basename(shown)).matches();
        }
        case "-path" -> {
          Pattern glob = glob(v, false);
          test = (shown, file) -> glob.matcher(shown).matches();
        }
        case "-type" -> {
          if (!v.matches("[fdl]")) {
            p.err("find: unrecognized: -type " + v + "\n");
            return 1;
          }
          test = (shown, file) -> switch (v) {
            case "f" -> Files.isRegularFile(file, ContainerFs.NOFOLLOW);
            case "d" -> Files.isDirectory(file, ContainerFs.NOFOLLOW);
            default -> Files.isSymbolicLink(file);
          };
        }
        case "-maxdepth", "-mindepth" -> {
          if (!v.matches("\\d{1,9}")) {
            p.err("find: invalid number '" + v + "'\n");
            return 1;
          }
          if (a.equals("-maxdepth")) {
            maxDepth = Integer.parseInt(v);
          } else {
            minDepth = Integer.parseInt(v);
          }
          continue;
        }
        default -> {
          p.err("find: unrecognized: " + a + "\n" + Options.BANNER + "\n\nUsage: find [-HL] [PATH]... [OPTIONS]"
              + " [ACTIONS]\n");
          return 1;
        }
      }
      boolean not = negate;
      negate = false;
      tests.add(not ? (shown, file) -> !test.matches(shown, file) : test);
    }
    int status = 0;
    StringBuilder out = new StringBuilder();
    for (String root : roots) {
      Path start;
      try {
        start = p.fs().resolve(root, false);
        if (!Files.exists(start, ContainerFs.NOFOLLOW)) {
          throw new NoSuchFileException(root);
        }
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        p.err("find: " + root + ": " + ContainerFs.reason(e) + "\n");
        status = 1;
        continue;
      }
      visit(p, root, start, 0, minDepth, maxDepth, tests, out);
    }
    p.out(out.toString());
    return status;
  }

  private static void visit(Proc p, String shown, Path file, int depth, int min, int max, List<Test> tests,
      StringBuilder out) throws IOException, InterruptedException {
    Proc.checkInterrupt();
    boolean all = true;
    for (Test t : tests) {
      if (!t.matches(shown, file)) {
        all = false;
        break;
      }
    }
    if (all && depth >= min) {
      out.append(shown).append('\n');
    }
    if (depth < max && Files.isDirectory(file, ContainerFs.NOFOLLOW)) {
      for (Path child : children(file)) {
        String name = child.getFileName().toString();
        String next = shown.endsWith("/") ? shown + name : shown + "/" + name;
        visit(p, next, p.fs().resolve(next, false), depth + 1, min, max, tests, out);
      }
    }
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
  }

  /**
   * The files under {@code root} (itself when it is a file) as paths to show, for {@code grep -r}; false after
   * printing why when it is missing.
   */
  static boolean walk(Proc p, String root, List<String> into) throws IOException {
    Path start;
    try {
      start = p.fs().resolve(root);
      if (!Files.exists(start)) {
        throw new NoSuchFileException(root);
      }
    } catch (IOException e) {
      p.err(p.name() + ": " + root + ": " + ContainerFs.reason(e) + "\n");
      return false;
    }
    walk(p, root, start, into);
    return true;
  }

  private static void walk(Proc p, String shown, Path file, List<String> into) throws IOException {
    if (Files.isDirectory(file, ContainerFs.NOFOLLOW)) {
      for (Path child : children(file)) {
        String name = child.getFileName().toString();
        String next = shown.endsWith("/") ? shown + name : shown + "/" + name;
        walk(p, next, p.fs().resolve(next, false), into);
      }
    } else if (Files.isRegularFile(file, ContainerFs.NOFOLLOW)) {
      into.add(shown);
    }
  }

  /** A shell glob ({@code * ? [...]}) as a pattern over a whole name. */
  static Pattern glob(String glob, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = glob.substring(i + 1, end);
            re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
