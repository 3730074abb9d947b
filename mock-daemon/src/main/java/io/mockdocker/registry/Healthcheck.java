package io.mockdocker.registry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A container's or image's health check, the {@code Healthcheck} of a config: the {@code test} to run and its
 * timings.
 *
 * <p>{@code test} is {@code ["CMD", argv…]} (run directly), {@code ["CMD-SHELL", "command"]} (run by
 * {@code /bin/sh -c}), {@code ["NONE"]} (no check) or empty (inherit the image's). A zero duration or zero
 * {@code retries} means "inherit, else the default": an interval and a timeout of 30 s, no start period, a start
 * interval of 5 s, 3 retries.
 *
 * <pre>{@code
 * Config config = Config.builder().cmd("sleep", "3600")
 *     .healthcheck(Healthcheck.shell("test -f /tmp/ready").withInterval(Duration.ofSeconds(1)))
 *     .build();
 * }</pre>
 *
 * @param test what to run, see above; never {@code null}
 * @param interval the time between the end of one check and the start of the next
 * @param timeout how long one check may run before it counts as failed
 * @param startPeriod the time after the start in which failures do not count
 * @param startInterval the time between checks during the start period
 * @param retries how many failures in a row make the container unhealthy
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
    Duration startInterval, int retries) {

  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
    interval = Objects.requireNonNullElse(interval, Duration.ZERO);
    timeout = Objects.requireNonNullElse(timeout, Duration.ZERO);
    startPeriod = Objects.requireNonNullElse(startPeriod, Duration.ZERO);
    startInterval = Objects.requireNonNullElse(startInterval, Duration.ZERO);
  }

  /** {@code ["CMD-SHELL", command]} with the default timings. */
  public static Healthcheck shell(String command) {
    return of(List.of("CMD-SHELL", Objects.requireNonNull(command, "command")));
  }

  /** {@code ["CMD", argv…]} with the default timings. */
  public static Healthcheck command(String... argv) {
    List<String> test = new java.util.ArrayList<>();
    test.add("CMD");
    test.addAll(List.of(argv));
    return of(test);
  }

  /** {@code ["NONE"]}: no health check, not even the image's. */
  public static Healthcheck none() {
    return of(List.of("NONE"));
  }

  /** This check with {@code test}, with the default timings. */
  public static Healthcheck of(List<String> test) {
    return new Healthcheck(test, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
  }

  /** This check with another interval. */
  public Healthcheck withInterval(Duration value) {
    return new Healthcheck(test, value, timeout, startPeriod, startInterval, retries);
  }

  /** This check with another timeout. */
  public Healthcheck withTimeout(Duration value) {
    return new Healthcheck(test, interval, value, startPeriod, startInterval, retries);
  }

  /** This check with another start period and start interval. */
  public Healthcheck withStartPeriod(Duration period, Duration interval) {
    return new Healthcheck(test, this.interval, timeout, period, interval, retries);
  }

  /** This check with another number of retries. */
  public Healthcheck withRetries(int value) {
    return new Healthcheck(test, interval, timeout, startPeriod, startInterval, value);
  }
}
