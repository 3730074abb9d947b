package io.mockdocker.internal.engine;

import java.time.Instant;
import java.util.List;

/**
 * One simulated process as the process table shows it: its PID and parent's PID, argv, when it started on the
 * engine clock, whether it has a TTY, and the user it runs as ({@code ""}: root).
 */
record SimProcess(int pid, int ppid, List<String> argv, Instant started, boolean tty, String user) {

  SimProcess withParent(int parent) {
    return new SimProcess(pid, parent, argv, started, tty, user);
  }
}
