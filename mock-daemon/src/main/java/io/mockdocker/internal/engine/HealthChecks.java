package io.mockdocker.internal.engine;

import io.mockdocker.Clock;
import io.mockdocker.registry.Healthcheck;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Health checks as the daemon ran them: one monitor per running, unpaused container whose config has a
 * {@code CMD} or {@code CMD-SHELL} test. The monitor waits the interval on the engine clock (the start interval while
 * the container is starting within its start period), runs the test as an exec, and records the result: exit 0 is
 * healthy, anything else a failure, and {@code retries} failures in a row (not counting those in the start period)
 * unhealthy. A check that outlasts its timeout is killed and fails with exit code {@code -1}. Stopping the monitor
 * (the process ended, or the container was paused) leaves the status {@code unhealthy}, as the daemon did.
 *
 * <p>The methods taking a {@link LiveContainer} are called with its monitor held.
 */
final class HealthChecks {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
  static final int DEFAULT_RETRIES = 3;
  /** The longest output a result keeps; more is cut and marked {@code ...}. */
  static final int MAX_OUTPUT = 4096;

  private final Clock clock;
  private final Events events;
  private final Execs execs;
  private final ExecutorService threads;

  /** One container's monitor; stopped at most once. */
  static final class Monitor {
    /** When it was opened: the first check is an interval later. */
    final Instant opened;
    private boolean stopped;
    private Thread thread;

    Monitor(Instant opened) {
      this.opened = opened;
    }

    synchronized boolean stopped() {
      return stopped;
    }

    synchronized void stop() {
      stopped = true;
      if (thread != null) {
        thread.interrupt();
      }
    }

    /** Binds the monitor to the running thread; {@code false} when it was stopped already. */
    synchronized boolean bind() {
      thread = Thread.currentThread();
      return !stopped;
    }

    synchronized void unbind() {
      thread = null;
    }
  }

  HealthChecks(Clock clock, Events events, Execs execs, ExecutorService threads) {
    this.clock = clock;
    this.events = events;
    this.execs = execs;
    this.threads = threads;
  }

  /**
   * The command a health check runs, or {@code null} when it runs none ({@code null}, empty or {@code NONE} test, an
   * unknown type, or nothing after the type).
   */
  static List<String> command(Healthcheck check) {
    if (check == null || check.test().size() < 2) {
      return null;
    }
    List<String> rest = check.test().subList(1, check.test().size());
    return switch (check.test().get(0)) {
      case "CMD" -> List.copyOf(rest);
      case "CMD-SHELL" -> {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c"));
        cmd.addAll(rest);
        yield List.copyOf(cmd);
      }
      default -> null;
    };
  }

  /** A run started: a container with a check is {@code starting} again (its log kept) and monitored. */
  void started(LiveContainer c) {
    if (command(c.config.healthcheck()) == null) {
      return;
    }
    close(c);
    c.health = c.health == null ? new ContainerHealth(ContainerHealth.STARTING, 0, List.of()) : c.health.restarted();
    update(c);
  }

  /** Monitors the container while it runs unpaused, else stops its monitor (pause, unpause). */
  void update(LiveContainer c) {
    if (c.health == null) {
      return;
    }
    if (c.state.running() && !c.state.paused() && command(c.config.healthcheck()) != null) {
      open(c);
    } else {
      close(c);
    }
  }

  /** The run ended: no more checks. */
  void stopped(LiveContainer c) {
    close(c);
  }

  private void open(LiveContainer c) {
    if (c.healthMonitor != null) {
      return;
    }
    Monitor m = new Monitor(clock.now());
    c.healthMonitor = m;
    try {
      Future<?> unused = threads.submit(() -> monitor(c, m));
    } catch (RejectedExecutionException e) {
      c.healthMonitor = null; // the engine is closing
    }
  }

  private void close(LiveContainer c) {
    Monitor m = c.healthMonitor;
    if (m == null) {
      return;
    }
    c.healthMonitor = null;
    m.stop();
    c.health = c.health.withStatus(ContainerHealth.UNHEALTHY);
  }

  private void monitor(LiveContainer c, Monitor m) {
    if (!m.bind()) {
      return;
    }
    try {
      Instant next = m.opened.plus(interval(c));
      while (!m.stopped()) {
        Duration wait = Duration.between(clock.now(), next);
        if (wait.isNegative() || wait.isZero()) {
          wait = Duration.ZERO;
        }
        clock.sleep(wait);
        if (m.stopped()) {
          return;
        }
        ContainerHealth.Result result = probe(c);
        String changed;
        synchronized (c) {
          if (m.stopped() || c.healthMonitor != m) {
            return;
          }
          changed = record(c, result);
        }
        if (changed != null) {
          events.emit("container", "health_status: " + changed, c.id, c.eventAttributes());
        }
        next = result.end().toInstant().plus(interval(c)); // from the end of one check to the start of the next
      }
    } catch (InterruptedException e) {
      // stopped
    } finally {
      m.unbind();
    }
  }

  /** The wait before the next check: the start interval while starting within the start period, else the interval. */
  private Duration interval(LiveContainer c) {
    synchronized (c) {
      Healthcheck check = c.config.healthcheck();
      Duration interval = orDefault(check.interval(), DEFAULT_INTERVAL);
      OffsetDateTime started = c.state.startedAt();
      if (started == null || Duration.between(started.toInstant(), clock.now()).compareTo(check.startPeriod()) >= 0) {
        return interval;
      }
      return c.health.status().equals(ContainerHealth.STARTING)
          ? orDefault(check.startInterval(), DEFAULT_START_INTERVAL) : interval;
    }
  }

  /** Records a result; returns the new status when it changed, else {@code null}. */
  private String record(LiveContainer c, ContainerHealth.Result result) {
    Healthcheck check = c.config.healthcheck();
    int retries = check.retries() <= 0 ? DEFAULT_RETRIES : check.retries();
    ContainerHealth h = c.health;
    String status = h.status();
    int streak = h.failingStreak();
    if (result.exitCode() == 0) {
      streak = 0;
      status = ContainerHealth.HEALTHY;
    } else {
      boolean inStartPeriod = status.equals(ContainerHealth.STARTING) && c.state.startedAt() != null
          && Duration.between(c.state.startedAt().toInstant(), result.start().toInstant())
              .compareTo(check.startPeriod()) < 0;
      if (!inStartPeriod) {
        streak++;
        if (streak >= retries) {
          status = ContainerHealth.UNHEALTHY;
        }
      }
    }
    c.health = h.record(result, status, streak);
    return status.equals(h.status()) ? null : status;
  }

  /** Runs the check once as an exec, killed by a watchdog on the engine clock when it outlasts its timeout. */
  private ContainerHealth.Result probe(LiveContainer c) {
    ExecConfig config;
    Duration timeout;
    synchronized (c) {
      Healthcheck check = c.config.healthcheck();
      config = new ExecConfig(command(check), false, false, true, true, c.config.user(), c.config.workingDir(),
          null, false, "");
      timeout = orDefault(check.timeout(), DEFAULT_TIMEOUT);
    }
    OffsetDateTime start = Times.now(clock);
    LimitedOutput output = new LimitedOutput();
    Watchdog watchdog = new Watchdog(Thread.currentThread());
    Future<?> unused = threads.submit(() -> watchdog.run(timeout));
    int code;
    try {
      code = execs.probe(c, config, output);
    } catch (DockerException e) {
      watchdog.disarm();
      return new ContainerHealth.Result(start, Times.now(clock), -1, e.getMessage());
    } catch (InterruptedException e) {
      code = -1;
    }
    boolean timedOut = watchdog.disarm();
    if (timedOut) {
      Thread.interrupted(); // the watchdog's interrupt, not a stop: a stop sets the monitor's flag first
      String out = output.text();
      return new ContainerHealth.Result(start, Times.now(clock), -1, "Health check exceeded timeout ("
          + GoDurations.format(timeout) + ")" + (out.isEmpty() ? "" : ": " + out));
    }
    return new ContainerHealth.Result(start, Times.now(clock), code, output.text());
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value.isZero() ? fallback : value;
  }

  /**
   * Interrupts the check's thread once its timeout passed on the engine clock, unless disarmed first. Disarming
   * waits until the watchdog no longer sleeps, so that once a result is recorded only the monitor waits on the clock.
   */
  private final class Watchdog {
    private final Thread target;
    private Thread sleeper;
    private boolean done;
    private boolean fired;

    Watchdog(Thread target) {
      this.target = target;
    }

    void run(Duration timeout) {
      synchronized (this) {
        if (done) {
          return;
        }
        sleeper = Thread.currentThread();
      }
      try {
        clock.sleep(timeout);
        synchronized (this) {
          if (!done) {
            fired = true;
            target.interrupt();
          }
        }
      } catch (InterruptedException e) {
        // disarmed
      } finally {
        synchronized (this) {
          sleeper = null;
          notifyAll();
        }
      }
    }

    /** Stops the watchdog and waits until it no longer sleeps; whether it fired. */
    synchronized boolean disarm() {
      done = true;
      if (sleeper != null) {
        sleeper.interrupt();
      }
      boolean interrupted = false;
      while (sleeper != null) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return fired;
    }
  }

  /** The check's output, at most {@value #MAX_OUTPUT} bytes, with {@code ...} when more was written. */
  private static final class LimitedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int keep = Math.min(MAX_OUTPUT - bytes.size(), len);
      if (keep > 0) {
        bytes.write(b, off, keep);
      }
      if (keep < len) {
        truncated = true;
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8) + (truncated ? "..." : "");
    }
  }
}
