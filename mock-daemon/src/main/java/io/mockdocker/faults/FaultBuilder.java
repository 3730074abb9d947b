package io.mockdocker.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * Builds and installs one fault: narrow the match, pick the moment (the head unless said otherwise), then name the
 * effect, which installs the fault and returns its handle.
 *
 * <pre>{@code
 * docker.on("POST", "/images/create").name("busybox").everyNth(3).afterMessages(5).reset();
 * }</pre>
 */
public final class FaultBuilder {
  private final Faults faults;
  private Match match;
  private Moment moment = Moment.beforeHead();

  FaultBuilder(Faults faults, Match match) {
    this.faults = faults;
    this.match = match;
  }

  // ------------------------------------------------------------ which exchanges

  public FaultBuilder version(String version) {
    match = match.version(version);
    return this;
  }

  public FaultBuilder name(String imageOrContainer) {
    match = match.name(imageOrContainer);
    return this;
  }

  public FaultBuilder nth(int n) {
    match = match.nth(n);
    return this;
  }

  public FaultBuilder everyNth(int n) {
    match = match.everyNth(n);
    return this;
  }

  public FaultBuilder probability(double p, long seed) {
    match = match.probability(p, seed);
    return this;
  }

  public FaultBuilder between(Instant from, Instant until) {
    match = match.between(from, until);
    return this;
  }

  public FaultBuilder and(Match other) {
    match = match.and(other);
    return this;
  }

  // ------------------------------------------------------------ when

  public FaultBuilder at(Moment moment) {
    this.moment = moment;
    return this;
  }

  public FaultBuilder beforeHead() {
    return at(Moment.beforeHead());
  }

  public FaultBuilder afterBytes(long bytes) {
    return at(Moment.afterBytes(bytes));
  }

  public FaultBuilder afterMessages(int messages) {
    return at(Moment.afterMessages(messages));
  }

  public FaultBuilder atProgress(double fraction) {
    return at(Moment.atProgress(fraction));
  }

  public FaultBuilder atProgress(int layer, double fraction) {
    return at(Moment.atProgress(layer, fraction));
  }

  // ------------------------------------------------------------ what (installs the fault)

  public FaultHandle then(Effect effect) {
    return faults.add(new Fault(match, moment, effect));
  }

  /** An error with the status the daemon gave this message by its prefix. */
  public FaultHandle error(String message) {
    return then(Effect.error(message));
  }

  public FaultHandle error(int status, String message) {
    return then(Effect.error(status, message));
  }

  public FaultHandle delay(Duration duration) {
    return then(Effect.delay(duration));
  }

  public FaultHandle throttle(long bytesPerSecond) {
    return then(Effect.throttle(bytesPerSecond));
  }

  public FaultHandle reset() {
    return then(Effect.reset());
  }

  public FaultHandle stall() {
    return then(Effect.stall());
  }

  public FaultHandle truncate() {
    return then(Effect.truncate());
  }

  public FaultHandle malformedChunk() {
    return then(Effect.malformedChunk());
  }

  public FaultHandle closeAttachEarly() {
    return then(Effect.closeAttachEarly());
  }

  @Override
  public String toString() {
    return "FaultBuilder{" + match + " at " + moment + "}";
  }
}
