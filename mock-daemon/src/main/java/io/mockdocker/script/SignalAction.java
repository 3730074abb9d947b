package io.mockdocker.script;

import java.util.Objects;

/**
 * What a scripted process does when a signal reaches it: print something and go on, ignore it, exit with a code, or
 * print and then exit. An immutable value, given to {@link ProcessScript.Builder#onSignal(String, SignalAction)}.
 *
 * <pre>{@code
 * ProcessScript.builder().stdout("ready\n").awaitExit()
 *     .onSignal("TERM", SignalAction.print("bye\n").thenExit(0))
 *     .onSignal("HUP", SignalAction.print("reloading\n"))
 *     .onSignal("USR1", SignalAction.ignore())
 *     .build();
 * }</pre>
 *
 * <p>A signal the script gives no action for has Linux's default effect: the process ends with 128 + its number
 * (143 for TERM, 129 for HUP), except {@code CHLD}, {@code WINCH}, {@code URG} and {@code CONT}, which it goes on
 * past. {@code KILL} always ends it with 137.
 */
public final class SignalAction {
  private static final SignalAction IGNORE = new SignalAction("", -1);

  private final String output;
  private final int exitCode;

  private SignalAction(String output, int exitCode) {
    this.output = output;
    this.exitCode = exitCode;
  }

  /** Ignores the signal: the process goes on as if nothing came. */
  public static SignalAction ignore() {
    return IGNORE;
  }

  /** Exits with {@code code} (0 to 255) when the signal comes. */
  public static SignalAction exit(int code) {
    return new SignalAction("", checked(code));
  }

  /** Writes {@code text} to stdout, then goes on where it was (a sleep keeps its deadline). */
  public static SignalAction print(String text) {
    return new SignalAction(Objects.requireNonNull(text), -1);
  }

  /** This action's output, then an exit with {@code code}. */
  public SignalAction thenExit(int code) {
    return new SignalAction(output, checked(code));
  }

  /** What is written to stdout when the signal comes; empty for none. */
  public String output() {
    return output;
  }

  /** Whether the process exits on the signal. */
  public boolean exits() {
    return exitCode >= 0;
  }

  /** The exit code when {@link #exits()}; -1 otherwise. */
  public int exitCode() {
    return exitCode;
  }

  private static int checked(int code) {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("an exit code is 0 to 255: " + code);
    }
    return code;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignalAction a && a.output.equals(output) && a.exitCode == exitCode;
  }

  @Override
  public int hashCode() {
    return output.hashCode() * 31 + exitCode;
  }

  @Override
  public String toString() {
    if (!exits()) {
      return output.isEmpty() ? "ignore" : "print " + output.strip();
    }
    return (output.isEmpty() ? "" : "print " + output.strip() + ", then ") + "exit " + exitCode;
  }
}
