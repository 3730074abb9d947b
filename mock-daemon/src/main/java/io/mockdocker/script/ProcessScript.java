package io.mockdocker.script;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.mockdocker.internal.shell.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a scripted container process does, step by step: write to stdout or stderr, pause, echo its stdin, write
 * files into the container, exit with a code, or wait until the test says how it exits. An immutable value.
 *
 * <pre>{@code
 * ProcessScript crash = ProcessScript.builder()
 *     .stdout("starting\n").sleep(Duration.ofSeconds(2)).stderr("boom\n").exit(1).build();
 * ProcessScript stubborn = ProcessScript.builder().stdout("ready\n").awaitExit().ignoreSigterm().build();
 * ProcessScript graceful = ProcessScript.builder().stdout("ready\n").sleep(Duration.ofHours(1))
 *     .onSignal("TERM", SignalAction.print("bye\n").thenExit(0)).build();
 * }</pre>
 *
 * <p>A script that ends without {@code exit} exits 0. Sleeps follow the daemon's clock. A signal without an action
 * ({@link Builder#onSignal}) has Linux's default effect (see {@link SignalAction}).
 */
public final class ProcessScript {
  /** One step of a script. */
  public sealed interface Step {}

  /** Writes bytes to stdout. */
  public record Stdout(String text) implements Step {}

  /** Writes bytes to stderr. */
  public record Stderr(String text) implements Step {}

  /** Waits on the daemon's clock. */
  public record Sleep(Duration duration) implements Step {}

  /** Copies stdin to stdout until stdin ends. */
  public record EchoStdin() implements Step {}

  /** Writes a file inside the container (parents are created). */
  public record WriteFile(String path, String content) implements Step {}

  /** Exits with this code. */
  public record Exit(int code) implements Step {}

  /** Blocks until the test releases it through its handle, then exits with the code given there. */
  public record AwaitExit() implements Step {}

  private final List<Step> steps;
  private final Map<String, SignalAction> signalActions;

  private ProcessScript(List<Step> steps, Map<String, SignalAction> signalActions) {
    this.steps = List.copyOf(steps);
    this.signalActions = Collections.unmodifiableMap(new LinkedHashMap<>(signalActions));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A process that prints {@code text} to stdout and exits 0. */
  public static ProcessScript printing(String text) {
    return builder().stdout(text).build();
  }

  public List<Step> steps() {
    return steps;
  }

  /** Whether SIGTERM is ignored, so that stop has to wait its timeout and then kill. */
  public boolean ignoresSigterm() {
    return SignalAction.ignore().equals(signalActions.get("TERM"));
  }

  /** The actions given per signal, by name without {@code SIG} ({@code TERM}, {@code USR1}), in the order given. */
  public Map<String, SignalAction> signalActions() {
    return signalActions;
  }

  @Override
  public String toString() {
    return "ProcessScript" + steps + (signalActions.isEmpty() ? "" : " on signals " + signalActions);
  }

  /** Builds a {@link ProcessScript}. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, SignalAction> signalActions = new LinkedHashMap<>();

    private Builder() {}

    public Builder stdout(String text) {
      steps.add(new Stdout(Objects.requireNonNull(text)));
      return this;
    }

    public Builder stderr(String text) {
      steps.add(new Stderr(Objects.requireNonNull(text)));
      return this;
    }

    public Builder sleep(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("a sleep cannot be negative: " + duration);
      }
      steps.add(new Sleep(duration));
      return this;
    }

    public Builder echoStdin() {
      steps.add(new EchoStdin());
      return this;
    }

    public Builder file(String path, String content) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a container path is absolute: " + path);
      }
      steps.add(new WriteFile(path, Objects.requireNonNull(content)));
      return this;
    }

    public Builder exit(int code) {
      steps.add(new Exit(code));
      return this;
    }

    public Builder awaitExit() {
      steps.add(new AwaitExit());
      return this;
    }

    /** Ignores SIGTERM, so that stop has to wait its timeout and then kill: {@code onSignal("TERM", ignore())}. */
    public Builder ignoreSigterm() {
      return onSignal("TERM", SignalAction.ignore());
    }

    /**
     * What the process does when {@code signal} reaches it: a name with or without {@code SIG} in any case
     * ({@code "TERM"}, {@code "SIGHUP"}) or a number. {@code KILL} cannot be handled; a later action for the same
     * signal replaces the earlier one.
     */
    public Builder onSignal(String signal, SignalAction action) {
      int number = Signals.parse(signal);
      if (number < 0 || !Signals.valid(number)) {
        throw new IllegalArgumentException("invalid signal: " + signal);
      }
      if (number == Signals.KILL || number == 19) {
        throw new IllegalArgumentException("SIG" + Signals.name(number) + " cannot be caught or ignored");
      }
      signalActions.put(Signals.name(number), Objects.requireNonNull(action));
      return this;
    }

    public ProcessScript build() {
      return new ProcessScript(steps, signalActions);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
