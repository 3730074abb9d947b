package io.mockdocker.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * cp and mv inside the container's file system, mounts included: a write into a read-only mount fails with
 * {@code Read-only file system}, as does moving a file out of one. Messages as busybox 1.36 prints them.
 */
final class CopyCommands {
  private CopyCommands() {}

  /** {@code cp [-rRaPpfd] SOURCE... DEST}. */
  static int cp(Proc p) throws IOException, InterruptedException {
    String synopsis = "cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }";
    Options o = Options.parse(p, p.operands(), "rRaPLHpfindvu", "", false, synopsis);
    if (o == null) {
      return 1;
    }
    boolean recursive = o.has('r') || o.has('R') || o.has('a');
    return transfer(p, o, synopsis, false, recursive);
  }

  /** {@code mv [-fin] SOURCE... DEST}. */
  static int mv(Proc p) throws IOException, InterruptedException {
    String synopsis = "mv [-finT] SOURCE DEST\nor: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }";
    Options o = Options.parse(p, p.operands(), "finvT", "", false, synopsis);
    if (o == null) {
      return 1;
    }
    return transfer(p, o, synopsis, true, true);
  }

  private static int transfer(Proc p, Options o, String synopsis, boolean move, boolean recursive)
      throws IOException, InterruptedException {
    List<String> operands = o.operands();
    if (operands.size() < 2) {
      return Options.usage(p, null, synopsis);
    }
    String dest = operands.get(operands.size() - 1);
    List<String> sources = operands.subList(0, operands.size() - 1);
    Path destPath = p.fs().resolve(dest);
    boolean intoDir = Files.isDirectory(destPath);
    if (sources.size() > 1 && !intoDir) {
      p.err(p.name() + ": '" + dest + "' is not a directory\n");
      return 1;
    }
    int status = 0;
    for (String source : sources) {
      Proc.checkInterrupt();
      Path from = p.fs().resolve(source, move || !recursive || o.has('L'));
      if (!Files.exists(from, ContainerFs.NOFOLLOW)) {
        p.err(move ? "mv: can't rename '" + source + "': No such file or directory\n"
            : "cp: can't stat '" + source + "': No such file or directory\n");
        status = 1;
        continue;
      }
      String target = intoDir ? (dest.endsWith("/") ? dest : dest + "/") + Proc.basename(source) : dest;
      if (Files.isDirectory(from, ContainerFs.NOFOLLOW) && !recursive) {
        p.err("cp: omitting directory '" + source + "'\n");
        status = 1;
        continue;
      }
      String fromAbs = p.fs().absolute(source);
      String toAbs = p.fs().absolute(target);
      if (Files.isDirectory(from, ContainerFs.NOFOLLOW) && (toAbs + "/").startsWith(fromAbs + "/")) {
        p.err(p.name() + ": can't " + (move ? "move" : "copy") + " a directory ('" + source
            + "') into itself\n");
        status = 1;
        continue;
      }
      try {
        Path to = p.fs().resolveForWrite(target, false);
        if (move) {
          p.fs().requireWritable(from, source);
          if (Files.isDirectory(to, ContainerFs.NOFOLLOW) && !Files.isDirectory(from, ContainerFs.NOFOLLOW)) {
            throw new java.nio.file.FileSystemException(target, null, "Is a directory");
          }
          copyTree(p, from, to);
          FileCommands.deleteTree(from);
        } else {
          copyTree(p, from, to);
        }
      } catch (IOException e) {
        Commands.rethrowIfInterrupted(e);
        p.err(p.name() + ": can't " + (move ? "rename '" + source : "create '" + target) + "': "
            + ContainerFs.reason(e) + "\n");
        status = 1;
      }
    }
    return status;
  }

  /** Copies a file, link or directory tree to {@code to} (replacing a file there), stamped with the clock. */
  private static void copyTree(Proc p, Path from, Path to) throws IOException, InterruptedException {
    Proc.checkInterrupt();
    if (Files.isSymbolicLink(from)) {
      Files.deleteIfExists(to);
      Files.createSymbolicLink(to, Files.readSymbolicLink(from));
      return;
    }
    if (Files.isDirectory(from)) {
      if (!Files.isDirectory(to)) {
        if (!Files.isDirectory(to.getParent())) {
          throw new NoSuchFileException(to.toString());
        }
        Files.createDirectory(to);
      }
      List<Path> children;
      try (Stream<Path> list = Files.list(from)) {
        children = list.toList();
      }
      for (Path child : children) {
        copyTree(p, child, to.resolve(child.getFileName().toString()));
      }
      ContainerFs.touch(to, p.clock().now());
      return;
    }
    if (to.getParent() != null && !Files.isDirectory(to.getParent())) {
      throw new NoSuchFileException(to.toString());
    }
    if (from.getFileSystem() == to.getFileSystem()) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } else {
      try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
        in.transferTo(out);
      }
    }
    ContainerFs.touch(to, p.clock().now());
  }
}
