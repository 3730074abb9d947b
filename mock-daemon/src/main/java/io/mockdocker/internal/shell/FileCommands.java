package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** cat, touch, mkdir and rm over the container's root, with GNU coreutils (2013) messages and statuses. */
final class FileCommands {
  private FileCommands() {}

  /** {@code cat [FILE|-]...}: no operand or {@code -} copies stdin, one chunk at a time, flushing each. */
  static int cat(Proc p) throws IOException, InterruptedException {
    List<String> files = new ArrayList<>();
    for (String a : p.operands()) {
      if (a.startsWith("-") && a.length() > 1 && !a.equals("--")) {
        if (!a.equals("-u")) {
          return p.usage("invalid option -- '" + a.charAt(1) + "'", 1);
        }
      } else if (!a.equals("--")) {
        files.add(a);
      }
    }
    if (files.isEmpty()) {
      files.add("-");
    }
    int status = 0;
    for (String file : files) {
      if (file.equals("-")) {
        copy(p.io().in(), p.io().out());
        continue;
      }
      try (InputStream in = p.fs().openRead(file)) {
        copy(in, p.io().out());
      } catch (BrokenPipeException e) {
        throw e;
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        p.err("cat: " + file + ": " + ContainerFs.reason(e) + "\n");
        status = 1;
      }
    }
    return status;
  }

  private static void copy(InputStream in, OutputStream out) throws IOException, InterruptedException {
    byte[] chunk = new byte[8192];
    while (true) {
      Proc.checkInterrupt();
      int n = in.read(chunk);
      if (n < 0) {
        return;
      }
      out.write(chunk, 0, n);
      out.flush();
    }
  }

  /** {@code touch FILE...}: creates missing files, stamps all with the clock's time. */
  static int touch(Proc p) throws IOException, InterruptedException {
    List<String> files = operands(p, "acm");
    if (files == null) {
      return 1;
    }
    if (files.isEmpty()) {
      return p.usage("missing file operand", 1);
    }
    int status = 0;
    for (String file : files) {
      try {
        Path path = p.fs().resolveForWrite(file, true);
        if (!Files.exists(path)) {
          Files.createFile(path);
        }
        FsWrites.setLastModifiedTime(path, FileTime.from(p.clock().now()));
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        p.err("touch: cannot touch `" + file + "': " + ContainerFs.reason(e) + "\n");
        status = 1;
      }
    }
    return status;
  }

  /** {@code mkdir [-p] DIR...}. */
  static int mkdir(Proc p) throws IOException, InterruptedException {
    List<String> dirs = operands(p, "pv");
    if (dirs == null) {
      return 1;
    }
    boolean parents = p.operands().stream().anyMatch(a -> a.startsWith("-") && a.contains("p"));
    if (dirs.isEmpty()) {
      return p.usage("missing operand", 1);
    }
    int status = 0;
    for (String dir : dirs) {
      try {
        Path path = p.fs().resolve(dir, false);
        if (!(parents && Files.isDirectory(path))) {
          p.fs().requireWritable(path, dir);
        }
        if (parents) {
          if (!Files.isDirectory(path)) {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
              existing = existing.getParent();
            }
            Files.createDirectories(path);
            for (Path d = path; d != null && !d.equals(existing); d = d.getParent()) {
              ContainerFs.touch(d, p.clock().now());
            }
          }
        } else {
          Files.createDirectory(path);
          ContainerFs.touch(path, p.clock().now());
        }
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        String why = parents && e instanceof FileAlreadyExistsException ? "Not a directory" : ContainerFs.reason(e);
        p.err("mkdir: cannot create directory `" + dir + "': " + why + "\n");
        status = 1;
      }
    }
    return status;
  }

  /** {@code rm [-r] [-f] FILE...}. */
  static int rm(Proc p) throws IOException, InterruptedException {
    List<String> files = operands(p, "rRfiv");
    if (files == null) {
      return 1;
    }
    boolean recursive = false;
    boolean force = false;
    for (String a : p.operands()) {
      if (a.equals("--")) {
        break;
      }
      if (a.startsWith("-") && a.length() > 1) {
        recursive |= a.contains("r") || a.contains("R");
        force |= a.contains("f");
      }
    }
    if (files.isEmpty()) {
      return force ? 0 : p.usage("missing operand", 1);
    }
    int status = 0;
    for (String file : files) {
      String abs = p.fs().absolute(file);
      String last = Proc.basename(file);
      if (recursive && abs.equals("/")) {
        p.err("rm: it is dangerous to operate recursively on `/'\n"
            + "rm: use --no-preserve-root to override this failsafe\n");
        status = 1;
        continue;
      }
      if (last.equals(".") || last.equals("..")) {
        p.err("rm: cannot remove directory: `" + file + "'\n");
        status = 1;
        continue;
      }
      try {
        Path path = p.fs().resolve(file, false);
        if (!Files.exists(path, ContainerFs.NOFOLLOW)) {
          throw new NoSuchFileException(file);
        }
        p.fs().requireWritable(path, file);
        if (Files.isDirectory(path, ContainerFs.NOFOLLOW) && !recursive) {
          throw new java.nio.file.FileSystemException(file, null, "Is a directory");
        }
        deleteTree(path);
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        if (force && e instanceof NoSuchFileException) {
          continue;
        }
        p.err("rm: cannot remove `" + file + "': " + ContainerFs.reason(e) + "\n");
        status = 1;
      }
    }
    return status;
  }

  static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, ContainerFs.NOFOLLOW)) {
      List<Path> children;
      try (Stream<Path> list = Files.list(path)) {
        children = list.toList();
      }
      for (Path child : children) {
        deleteTree(child);
      }
    }
    Files.delete(path);
  }

  /**
   * The non-option arguments; options are clusters of {@code allowed} letters. Prints the GNU usage error and
   * returns null for an unknown option.
   */
  private static List<String> operands(Proc p, String allowed) throws IOException {
    List<String> operands = new ArrayList<>();
    boolean options = true;
    for (String a : p.operands()) {
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          if (allowed.indexOf(c) < 0) {
            p.usage("invalid option -- '" + c + "'", 1);
            return null;
          }
        }
      } else {
        operands.add(a);
      }
    }
    return operands;
  }
}
