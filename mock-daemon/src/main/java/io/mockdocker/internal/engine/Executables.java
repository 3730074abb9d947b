package io.mockdocker.internal.engine;

import io.mockdocker.internal.shell.FsRoot;
import io.mockdocker.internal.shell.MiniShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * Whether a container's program can be executed, decided as the runtime looked it up before it ran anything: a name
 * with a slash must be an executable regular file (a directory or a file without an execute bit: 126; a missing one:
 * 127); a bare name is searched on the process's {@code PATH} (127 when no directory has it as a regular file: the
 * files of images whose layers kept no mode have none, so the execute bit is not asked there). A program the mini
 * shell plays counts as present wherever it is asked for, since images' layers list few of the files they ship. Both
 * the exec path and the modern start ask here; each puts the runtime's words in its own sentence.
 */
final class Executables {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Executables() {}

  /** Why a program cannot be executed: the exit code the daemon gave and the runtime's cause. */
  record Refusal(int code, String cause, boolean directory) {
    /**
     * The daemon's text: {@code prefix}, the runtime's cause and its {@code : unknown}; a directory gets
     * {@code : permission denied} on top, which the daemon adds so that clients read it as 126.
     */
    String text(String prefix) {
      String text = prefix + cause + ": unknown";
      return directory ? text + ": permission denied" : text;
    }
  }

  /**
   * Why {@code argv} cannot run in {@code fs} with {@code env} ({@code PATH} from it, the default without one), or
   * null: a NUL byte in an argument or a variable cannot reach the kernel, whose exec fails with {@code invalid
   * argument} (an error the daemon did not classify: exit code 128); then {@link #refusal(FsRoot, String, String)}.
   */
  static Refusal refusal(FsRoot fs, List<String> argv, List<String> env) {
    Refusal nul = nul(argv, env);
    if (nul != null) {
      return nul;
    }
    String path = null;
    for (String kv : env) {
      if (kv.startsWith("PATH=")) {
        path = kv.substring("PATH=".length());
      }
    }
    return refusal(fs, argv.get(0), path);
  }

  /** The kernel's refusal of an argument or variable with a NUL byte in it, or null. */
  static Refusal nul(List<String> argv, List<String> env) {
    boolean nul = false;
    for (String s : argv) {
      nul |= s.indexOf('\0') >= 0;
    }
    for (String s : env) {
      nul |= s.indexOf('\0') >= 0;
    }
    return nul ? new Refusal(128, "exec " + argv.get(0) + ": invalid argument", false) : null;
  }

  /** Why {@code program} cannot run in {@code fs} with {@code path} as its PATH ({@code null}: the default), or null. */
  static Refusal refusal(FsRoot fs, String program, String path) {
    if (program.contains("/")) {
      Path file = resolve(fs, program);
      boolean exists = file != null && Files.exists(file);
      if (exists && Files.isDirectory(file)) {
        return new Refusal(126, "exec: \"" + program + "\": is a directory", true);
      }
      if (exists && !MiniShell.knows(program) && !executable(file)) {
        return new Refusal(126, "exec: \"" + program + "\": permission denied", false);
      }
      if (!exists && !MiniShell.knows(program)) {
        return new Refusal(127, "exec: \"" + program + "\": stat " + program + ": no such file or directory", false);
      }
      return null;
    }
    if (MiniShell.knows(program) || onPath(fs, program, path == null ? DEFAULT_PATH : path)) {
      return null;
    }
    return new Refusal(127, "exec: \"" + program + "\": executable file not found in $PATH", false);
  }

  /** Whether a directory of {@code path} holds {@code program} as a regular file. */
  private static boolean onPath(FsRoot fs, String program, String path) {
    for (String dir : path.split(":", -1)) {
      Path file = resolve(fs, (dir.isEmpty() ? "." : dir) + "/" + program);
      if (file != null && Files.isRegularFile(file)) {
        return true;
      }
    }
    return false;
  }

  private static Path resolve(FsRoot fs, String program) {
    try {
      return fs.resolve(program, true);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether a file the shell does not know may run: only when its mode says so (files of images whose layers kept
   * no mode have none, and a program the shell does not know cannot run anyway).
   */
  private static boolean executable(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
          || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
