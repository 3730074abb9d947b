package io.mockdocker.faults;

import java.util.Objects;

/**
 * One fault: which exchanges ({@link Match}), when in them ({@link Moment}), and what happens ({@link Effect}).
 * An immutable value; install it with {@code docker.fault(fault)} or build it fluently with
 * {@code docker.on(…)}.
 *
 * <pre>{@code
 * Fault.when(Match.pull("busybox").nth(2)).at(Moment.atProgress(0.4)).then(Effect.reset())
 * }</pre>
 */
public record Fault(Match match, Moment moment, Effect effect) {

  public Fault {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(moment, "moment");
    Objects.requireNonNull(effect, "effect");
    if (effect instanceof Effect.CloseAttachEarly && moment instanceof Moment.AtProgress) {
      throw new IllegalArgumentException("an attach stream has no transfer progress: " + effect + " at " + moment);
    }
  }

  /** Starts a fault for these exchanges, at the head unless {@link When#at(Moment)} says otherwise. */
  public static When when(Match match) {
    return new When(match, Moment.beforeHead());
  }

  /** A fault without its effect yet. */
  public record When(Match match, Moment moment) {
    public When at(Moment moment) {
      return new When(match, moment);
    }

    public Fault then(Effect effect) {
      return new Fault(match, moment, effect);
    }
  }

  /** E.g. {@code reset(at=40% of POST /images/create name=busybox #2)}. */
  @Override
  public String toString() {
    String e = effect.toString();
    String at = "at=" + moment + " of " + match;
    return e.endsWith(")") ? e.substring(0, e.length() - 1) + ", " + at + ")" : e + "(" + at + ")";
  }
}
