package io.mockdocker.examples;

import java.time.Duration;

/** What the deployer does between a failed pull and its retry. */
@FunctionalInterface
public interface Backoff {
  /** Called once before the retry, with the failure of the first attempt. */
  void beforeRetry(DeployException failure) throws InterruptedException;

  /** Sleeps for a fixed time. */
  static Backoff fixed(Duration pause) {
    return failure -> Thread.sleep(pause.toMillis());
  }

  /** Retries at once. */
  static Backoff none() {
    return failure -> {};
  }
}
