package io.mockdocker.internal.engine;

import java.util.List;

/**
 * What an exec instance runs: the command, whether it has a TTY, which streams it attaches, and its user, working
 * directory ({@code ""} = the container's), extra environment, privilege and detach keys (echoed back only).
 */
public record ExecConfig(List<String> cmd, boolean tty, boolean attachStdin, boolean attachStdout,
    boolean attachStderr, String user, String workingDir, List<String> env, boolean privileged, String detachKeys) {
  public ExecConfig {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    user = user == null ? "" : user;
    workingDir = workingDir == null ? "" : workingDir;
    env = env == null ? null : List.copyOf(env);
    detachKeys = detachKeys == null ? "" : detachKeys;
  }

  /** An exec of {@code cmd} attached to stdout and stderr, without a TTY. */
  public static ExecConfig of(String... cmd) {
    return new ExecConfig(List.of(cmd), false, false, true, true, "", "", null, false, "");
  }
}
