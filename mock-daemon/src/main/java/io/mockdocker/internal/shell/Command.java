package io.mockdocker.internal.shell;

import java.io.IOException;

/** A command the mini shell can run. */
@FunctionalInterface
interface Command {
  /** Runs it; returns the exit status. */
  int run(Proc proc) throws IOException, InterruptedException;
}
