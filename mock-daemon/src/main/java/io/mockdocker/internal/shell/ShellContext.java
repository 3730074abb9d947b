package io.mockdocker.internal.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a simulated process sees.
 *
 * @param root the container's root file system (its writable view); every container path resolves inside it
 * @param env the process environment, in the order {@code env} prints it
 * @param hostname what {@code hostname} prints
 * @param workingDir the container path the process starts in; {@code null} or empty means {@code /}
 * @param stdin the process's standard input (may block; the shell reads it on a helper thread so that an interrupt
 *     still ends a read promptly)
 * @param stdout standard output, flushed after each chunk of output
 * @param stderr standard error, flushed after each message
 * @param clock what {@code sleep} waits on and {@code date}, {@code touch} and friends read
 * @param fs the root with the container's mounts over it, where every path the shell names resolves
 * @param signals the signals sent to the process, which {@code trap} acts on; {@code null} for a process no one
 *     signals (an exec, a build step)
 * @param view the container around the process: its user, processes and ports ({@code id}, {@code ps},
 *     {@code nc}); {@code null} is {@link ContainerView#NONE}
 */
public record ShellContext(
    Path root,
    Map<String, String> env,
    String hostname,
    String workingDir,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    ShellClock clock,
    FsRoot fs,
    ProcessSignals signals,
    ContainerView view) {

  public ShellContext {
    view = view == null ? ContainerView.NONE : view;
  }

  /** A context outside any container view (root, no processes, no ports). */
  public ShellContext(Path root, Map<String, String> env, String hostname, String workingDir, InputStream stdin,
      OutputStream stdout, OutputStream stderr, ShellClock clock, FsRoot fs, ProcessSignals signals) {
    this(root, env, hostname, workingDir, stdin, stdout, stderr, clock, fs, signals, null);
  }

  /** A context over the root file system alone, without mounts, for a process no one signals. */
  public ShellContext(Path root, Map<String, String> env, String hostname, String workingDir, InputStream stdin,
      OutputStream stdout, OutputStream stderr, ShellClock clock) {
    this(root, env, hostname, workingDir, stdin, stdout, stderr, clock, FsRoot.of(root), null);
  }

  /** A context over {@code fs} for a process no one signals. */
  public ShellContext(Path root, Map<String, String> env, String hostname, String workingDir, InputStream stdin,
      OutputStream stdout, OutputStream stderr, ShellClock clock, FsRoot fs) {
    this(root, env, hostname, workingDir, stdin, stdout, stderr, clock, fs, null);
  }
}
